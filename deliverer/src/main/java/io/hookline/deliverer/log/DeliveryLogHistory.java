package io.hookline.deliverer.log;

import io.hookline.deliverer.dispatch.AttemptHistory;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.states.AttemptStatus;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ObjIntConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads attempts back from {@code hookline.delivery-log} with a consumer of its own, assigned (no
 * group, nothing committed). The log and the deliveries are both keyed by webhook id with the
 * default partitioner, so with equal partition counts a partition's attempts are on the log's
 * partition of the same number; otherwise every log partition is read.
 */
public final class DeliveryLogHistory implements AttemptHistory, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLogHistory.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<String, byte[]> consumer;
    private final Duration timeout;

    /** @param timeout how long one read may take before it gives up (the tasks are then sent: duplicates, no loss) */
    public DeliveryLogHistory(Consumer<String, byte[]> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
    }

    @Override
    public void read(int partition, Instant since, int atMost, ObjIntConsumer<String> attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (TopicPartition logPartition : logPartitions(partition)) {
                readOne(logPartition, since, atMost, attempt, deadline);
            }
        } catch (RuntimeException e) {
            log.warn("Reading {} back for partition {} failed; its finished deliveries may be sent again: {}",
                    Topics.DELIVERY_LOG.name(), partition, e.toString());
        } finally {
            consumer.assign(List.of());
        }
    }

    private List<TopicPartition> logPartitions(int partition) {
        String topic = Topics.DELIVERY_LOG.name();
        int logs = consumer.partitionsFor(topic, timeout).size();
        if (logs == consumer.partitionsFor(Topics.DELIVERIES.name(), timeout).size()) {
            return List.of(new TopicPartition(topic, partition));
        }
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < logs; p++) {
            all.add(new TopicPartition(topic, p));
        }
        return all;
    }

    private void readOne(TopicPartition partition, Instant since, int atMost, ObjIntConsumer<String> attempt, long deadline) {
        List<TopicPartition> one = List.of(partition);
        consumer.assign(one);
        long end = consumer.endOffsets(one, timeout).get(partition);
        long begin = consumer.beginningOffsets(one, timeout).get(partition);
        OffsetAndTimestamp from = consumer.offsetsForTimes(Map.of(partition, since.toEpochMilli()), timeout).get(partition);
        // the last atMost records hold the last atMost attempts at most: no need to read further back
        long start = Math.max(from == null ? end : from.offset(), Math.max(begin, end - atMost));
        consumer.seek(partition, start);
        while (consumer.position(partition, timeout) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not read to its end within " + timeout);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < end && record.value() != null) {
                    accept(record, attempt);
                }
            }
        }
    }

    private static void accept(ConsumerRecord<String, byte[]> record, ObjIntConsumer<String> attempt) {
        try {
            DeliveryAttempt recorded = Topics.DELIVERY_LOG.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (!AttemptStatus.PENDING.is(recorded.getStatus())) { // a wait, not an attempt: the task is still to be sent
                attempt.accept(recorded.getDeliveryId(), recorded.getAttempt());
            }
        } catch (RuntimeException e) { // not ours to judge here: the log's readers report it
            log.debug("Skipping undecodable record {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }

    @Override
    public void close() {
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            // the loop's thread did not end in time and may still be reading; this consumer commits
            // nothing, so nothing is lost by leaving it
            log.warn("The delivery log's read-back consumer did not close: {}", e.toString());
        }
    }
}
