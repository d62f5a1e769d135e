package io.hookline.standalone.faults;

import io.hookline.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a whole topic (committed records only, as the components do) and groups its records by id,
 * until every expected id is there and the end of the topic as of that moment was reached: tens of
 * thousands of records, so it indexes as it reads instead of re-testing a growing list.
 */
final class TopicReader {

    private TopicReader() {
    }

    static <V> Map<String, List<V>> readUntilCovered(String bootstrapServers, Topic<String, V> topic, Function<V, String> idOf,
            Collection<String> expected, Duration timeout) {
        return readUntilCovered(bootstrapServers, topic, record -> idOf.apply(record.value()), ConsumerRecord::value, expected, timeout);
    }

    /** As above, keeping of each record what {@code valueOf} takes from it (its timestamp too, say). */
    static <V, T> Map<String, List<T>> readUntilCovered(String bootstrapServers, Topic<String, V> topic,
            Function<ConsumerRecord<String, V>, String> idOf, Function<ConsumerRecord<String, V>, T> valueOf,
            Collection<String> expected, Duration timeout) {
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrapServers, "group.id", "fault-it-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "enable.auto.commit", false,
                "isolation.level", "read_committed", "max.partition.fetch.bytes", 16 * 1024 * 1024);
        Set<String> missing = new HashSet<>(expected);
        Map<String, List<T>> byId = new HashMap<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                boolean atEnd = false;
                while (!atEnd) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("Timed out after " + timeout + " reading " + topic.name() + ": " + missing.size()
                                + " of " + expected.size() + " ids missing, e.g. " + missing.stream().limit(5).toList());
                    }
                    for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                        String id = idOf.apply(record);
                        if (id != null) {
                            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(valueOf.apply(record));
                            missing.remove(id);
                        }
                    }
                    atEnd = partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
                }
                if (missing.isEmpty()) {
                    return byId;
                }
            }
        }
    }
}
