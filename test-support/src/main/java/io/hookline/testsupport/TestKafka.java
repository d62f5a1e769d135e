package io.hookline.testsupport;

import io.hookline.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients on the {@link SharedKafka} broker, for writing and reading topics in tests. */
public final class TestKafka {

    private TestKafka() {
    }

    public static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", SharedKafka.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Reads a topic from the beginning (all partitions, no group offsets are committed) until
     * {@code done} accepts what was read so far, or fails after {@code timeout}.
     */
    public static <K, V> List<ConsumerRecord<K, V>> consumeUntil(Topic<K, V> topic, String groupId,
            Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        return consumeUntil(SharedKafka.bootstrapServers(), topic, groupId, done, timeout);
    }

    public static <K, V> List<ConsumerRecord<K, V>> consumeUntil(String bootstrapServers, Topic<K, V> topic, String groupId,
            Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrapServers, "group.id", groupId,
                "auto.offset.reset", "earliest", "enable.auto.commit", false,
                "isolation.level", "read_committed", "max.partition.fetch.bytes", 16 * 1024 * 1024);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<K, V>> read = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(read)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Timed out after " + timeout + " reading " + topic.name() + "; read " + read.size() + " records");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
            }
            return read;
        }
    }
}
