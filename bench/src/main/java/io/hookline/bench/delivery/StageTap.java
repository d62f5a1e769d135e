package io.hookline.bench.delivery;

import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Where a delivery's latency goes: a group-less consumer in the benchmark's JVM notes when each event
 * appears on {@code hookline.events} and each task on {@code hookline.deliveries}, so a scenario can split
 * "sent → received" into gateway (sent → event readable), router (event → task readable) and deliverer
 * (task → POST received). The tap is one more reader of each topic, fetching like the components do.
 */
final class StageTap implements AutoCloseable {

    final Map<String, Long> eventSeen = new ConcurrentHashMap<>();
    final Map<String, Long> taskSeen = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    StageTap(String bootstrapServers) {
        Map<String, Object> props = new KafkaConnection(bootstrapServers).consumer(null);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-stage-tap");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.EVENTS.name(), Topics.DELIVERIES.name())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::run, "bench-stage-tap");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (record.topic().equals(Topics.EVENTS.name())) {
                        eventSeen.putIfAbsent(Topics.EVENT_VALUES.deserializer().deserialize(record.topic(), record.value())
                                .getId(), now);
                    } else {
                        DeliveryTask task = Topics.DELIVERIES.valueSerde().deserializer().deserialize(record.topic(), record.value());
                        taskSeen.putIfAbsent(task.getDeliveryId(), now);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
