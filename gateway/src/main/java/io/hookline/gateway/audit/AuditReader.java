package io.hookline.gateway.audit;

import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.schemas.avro.AuditEntry;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads a team's audit entries from its partition of {@code hookline.audit-log}, newest first, per
 * request: no index, no memory held between requests. The window's ends are found with
 * {@code offsetsForTimes}, then the partition is read backwards in chunks from the newest end. At this
 * scale (changes are made by people, a few thousand a day at most) that is cheaper than an index; the
 * work per request is bounded by {@link #MAX_SCANNED} records, after which the page ends with a cursor
 * to go on from where the scan stopped.
 */
final class AuditReader {

    static final int MAX_SCANNED = 20_000;
    private static final int CHUNK = 1_000;

    private final Map<String, Object> props;
    private final Duration timeout;

    AuditReader(KafkaConnection connection, Duration timeout) {
        this.props = new HashMap<>(connection.consumer(null));
        this.props.put(ConsumerConfig.CLIENT_ID_CONFIG, "hookline-gateway-audit-reader");
        this.props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, CHUNK);
        this.timeout = timeout;
    }

    /** A page of entries and, when there may be more, the offset to read on from (exclusive). */
    record Page(List<AuditEntry> entries, OptionalLong next) {
    }

    /** Blocks: call off the event loop. */
    Page read(String teamId, AuditQuery query) {
        TopicPartition partition = new TopicPartition(Topics.AUDIT_LOG.name(), TenantPartitioner.partitionFor(teamId, Topics.AUDIT_LOG.partitions()));
        try (KafkaConsumer<String, AuditEntry> consumer = new KafkaConsumer<>(props, Topics.AUDIT_LOG.keySerde().deserializer(),
                Topics.AUDIT_LOG.valueSerde().deserializer())) {
            List<TopicPartition> one = List.of(partition);
            consumer.assign(one);
            long begin = consumer.beginningOffsets(one, timeout).get(partition);
            long end = consumer.endOffsets(one, timeout).get(partition);
            long lower = query.from().map(f -> offsetAt(consumer, partition, f, end)).orElse(begin);
            long upper = query.to().map(t -> offsetAt(consumer, partition, t, end)).orElse(end);
            if (query.before().isPresent()) {
                upper = Math.min(upper, query.before().getAsLong());
            }
            List<ConsumerRecord<String, AuditEntry>> found = new ArrayList<>();
            long high = upper;
            long scanned = 0;
            while (high > lower && scanned < MAX_SCANNED && found.size() <= query.limit()) {
                long low = Math.max(lower, high - CHUNK);
                List<ConsumerRecord<String, AuditEntry>> chunk = range(consumer, partition, low, high);
                for (int i = chunk.size() - 1; i >= 0 && found.size() <= query.limit(); i--) {
                    ConsumerRecord<String, AuditEntry> record = chunk.get(i);
                    // the partition is shared with other teams: only the caller's own entries count
                    if (teamId.equals(record.key()) && record.value() != null && teamId.equals(record.value().getTeamId())
                            && query.matches(record.value())) {
                        found.add(record);
                    }
                }
                scanned += high - low;
                high = low;
            }
            if (found.size() > query.limit()) {
                List<ConsumerRecord<String, AuditEntry>> page = found.subList(0, query.limit());
                return new Page(page.stream().map(ConsumerRecord::value).toList(), OptionalLong.of(page.get(page.size() - 1).offset()));
            }
            return new Page(found.stream().map(ConsumerRecord::value).toList(), high > lower ? OptionalLong.of(high) : OptionalLong.empty());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("the audit log could not be read within " + timeout, e);
        }
    }

    /** The first offset at or after the time, or the end when there is none. */
    private long offsetAt(KafkaConsumer<String, AuditEntry> consumer, TopicPartition partition, Instant time, long end) {
        OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(partition, time.toEpochMilli()), timeout).get(partition);
        return found == null ? end : found.offset();
    }

    /** The records in [low, high), in log order. */
    private List<ConsumerRecord<String, AuditEntry>> range(KafkaConsumer<String, AuditEntry> consumer, TopicPartition partition, long low, long high) {
        consumer.seek(partition, low);
        List<ConsumerRecord<String, AuditEntry>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        // by position, not by the last record: a gap (a transaction marker, a deleted segment) ends no loop
        while (consumer.position(partition, timeout) < high) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("reading " + partition + " from " + low + " to " + high);
            }
            for (ConsumerRecord<String, AuditEntry> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                if (record.offset() < high) {
                    records.add(record);
                }
            }
        }
        return records;
    }
}
