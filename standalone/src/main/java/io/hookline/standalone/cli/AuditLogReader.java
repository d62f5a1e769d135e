package io.hookline.standalone.cli;

import io.hookline.schemas.avro.AuditEntry;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a time window of {@code hookline.audit-log} straight from Kafka: every partition, or one team's,
 * from the window's start (by timestamp) to its end or to the end offsets seen when it started. No
 * consumer group, nothing committed. The matching entries are returned oldest first across partitions:
 * people's changes are few, so they fit in memory.
 */
final class AuditLogReader {

    private final String bootstrapServers;

    AuditLogReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    List<AuditEntry> read(Instant from, Instant to, String teamId, Predicate<AuditEntry> filter) {
        Map<String, Object> props = new KafkaConnection(bootstrapServers).consumer(null);
        props.put("client.id", "hookline-audit-reader");
        props.put("allow.auto.create.topics", false);
        try (KafkaConsumer<String, AuditEntry> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.AUDIT_LOG.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUDIT_LOG.name(), Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .filter(p -> teamId == null || p.partition() == TenantPartitioner.partitionFor(teamId, Topics.AUDIT_LOG.partitions()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new CliException("topic " + Topics.AUDIT_LOG.name() + " does not exist on " + bootstrapServers + " (has Hookline run there?)");
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            Map<TopicPartition, Long> starts = offsets(consumer, partitions, from, ends);
            offsets(consumer, partitions, to, ends).forEach((p, offset) -> ends.put(p, Math.min(ends.get(p), offset)));
            List<AuditEntry> found = new ArrayList<>();
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition p : partitions) {
                consumer.seek(p, starts.get(p));
                if (starts.get(p) < ends.get(p)) {
                    remaining.put(p, ends.get(p));
                }
            }
            consumer.pause(partitions.stream().filter(p -> !remaining.containsKey(p)).toList());
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<String, AuditEntry> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition p = new TopicPartition(record.topic(), record.partition());
                    Long end = remaining.get(p);
                    AuditEntry entry = record.value();
                    if (end != null && record.offset() < end && entry != null && (teamId == null || teamId.equals(entry.getTeamId()))
                            && !entry.getAt().isBefore(from) && entry.getAt().isBefore(to) && filter.test(entry)) {
                        found.add(entry);
                    }
                }
                // by position, not by the last record: a transaction marker may be the last offset
                for (TopicPartition p : List.copyOf(remaining.keySet())) {
                    if (consumer.position(p) >= remaining.get(p)) {
                        remaining.remove(p);
                        consumer.pause(List.of(p));
                    }
                }
            }
            found.sort(Comparator.comparing(AuditEntry::getAt).thenComparing(AuditEntry::getEntryId));
            return found;
        }
    }

    /** Per partition, the first offset at or after the time, or its end when there is none. */
    private static Map<TopicPartition, Long> offsets(KafkaConsumer<String, AuditEntry> consumer, List<TopicPartition> partitions, Instant time,
            Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, time.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        partitions.forEach(p -> offsets.put(p, found.get(p) == null ? ends.get(p) : found.get(p).offset()));
        return offsets;
    }
}
