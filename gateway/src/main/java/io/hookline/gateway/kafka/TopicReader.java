package io.hookline.gateway.kafka;

import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every partition of one topic on a thread of its own, with no consumer group (every gateway
 * instance sees every record), from the beginning or from the end. It waits for the topic to exist
 * instead of failing start-up, skips a record it cannot read, and stops on {@link #stop()}.
 * Subclasses say what a record does.
 */
public abstract class TopicReader<V> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicReader.class);

    private final Topic<String, V> topic;
    private final Map<String, Object> consumerProps;
    private final boolean fromEnd;
    private final int phase;
    private volatile boolean running;
    private volatile KafkaConsumer<String, V> consumer;
    private Thread thread;

    protected TopicReader(KafkaConnection connection, Topic<String, V> topic, String clientId, boolean fromEnd, int phase) {
        this.topic = topic;
        this.consumerProps = new HashMap<>(connection.consumer(null));
        this.consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        this.consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.fromEnd = fromEnd;
        this.phase = phase;
    }

    /** One record read; called on the reader's thread, in partition order. */
    protected abstract void accept(ConsumerRecord<String, V> record);

    /** Called once the consumer is positioned on every partition. */
    protected void onAssigned() {
    }

    /** Called after each poll, with the consumer (e.g. to note positions). */
    protected void afterPoll(KafkaConsumer<String, V> consumer) {
    }

    /** Called when the reader has stopped, for whatever reason. */
    protected void onStopped() {
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "hookline-gateway-reader-" + topic.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(consumerProps, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer = c;
            assign(c);
            onAssigned();
            while (running) {
                try {
                    for (ConsumerRecord<String, V> record : c.poll(Duration.ofMillis(200))) {
                        accept(record);
                    }
                } catch (RecordDeserializationException e) {
                    log.error("Skipping an unreadable record of {} at {} offset {}", topic.name(), e.topicPartition(), e.offset(), e);
                    c.seek(e.topicPartition(), e.offset() + 1);
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    log.warn("The reader of {} cannot reach Kafka: {}", topic.name(), e.getMessage());
                }
                afterPoll(c);
            }
        } catch (WakeupException e) {
            // stop() asked us to leave
        } catch (RuntimeException e) {
            log.error("The reader of {} stopped", topic.name(), e);
        } finally {
            consumer = null;
            onStopped();
        }
    }

    /** Waits (while running) for the topic to exist, then takes all its partitions. */
    private void assign(KafkaConsumer<String, V> c) {
        while (running) {
            try {
                List<PartitionInfo> infos = c.partitionsFor(topic.name(), Duration.ofSeconds(5));
                if (!infos.isEmpty()) {
                    List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    c.assign(partitions);
                    if (fromEnd) {
                        c.seekToEnd(partitions);
                    } else {
                        c.seekToBeginning(partitions);
                    }
                    partitions.forEach(c::position);
                    return;
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("Kafka does not answer yet for {}: {}", topic.name(), e.getMessage());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
        throw new WakeupException();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, V> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
