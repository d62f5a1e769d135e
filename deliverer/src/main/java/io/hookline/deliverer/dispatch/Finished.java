package io.hookline.deliverer.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link FinishedDeliveries} of every assigned partition. A partition's record is built on its
 * first record after assignment, from the attempts on the delivery log since that record's
 * timestamp minus {@link #LOOKBACK}: everything read from there on was read (so attempted) after
 * it was written, and the lookback covers tasks routed again after a router crash, whose first
 * copies were delivered a little before. Consumer thread only.
 */
final class Finished {

    /** Deliveries remembered per partition: ~150 bytes each, so ~3 MB a partition. */
    static final int PER_PARTITION = 20_000;
    /** How far before a partition's first re-read task the delivery log is read back. */
    static final Duration LOOKBACK = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(Finished.class);

    private final AttemptHistory history;
    private final Clock clock;
    private final int perPartition;
    private final Map<TopicPartition, FinishedDeliveries> partitions = new HashMap<>();

    Finished(AttemptHistory history, Clock clock, int perPartition) {
        this.history = history;
        this.clock = clock;
        this.perPartition = perPartition;
    }

    /** The record of the partition the record was read from; built from the history on the partition's first record. */
    FinishedDeliveries of(ConsumerRecord<?, ?> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        FinishedDeliveries finished = partitions.get(partition);
        if (finished == null) {
            finished = rebuild(partition, record.timestamp());
            partitions.put(partition, finished);
        }
        return finished;
    }

    private FinishedDeliveries rebuild(TopicPartition partition, long firstTimestamp) {
        FinishedDeliveries finished = new FinishedDeliveries(perPartition);
        // a timestamp in the future (a producer's clock or choice) must not make us read nothing
        Instant since = Instant.ofEpochMilli(Math.min(firstTimestamp, clock.millis())).minus(LOOKBACK);
        long started = System.nanoTime();
        history.read(partition.partition(), since, perPartition, finished::recorded);
        log.info("{}: {} deliveries with an attempt recorded since {} read back in {} ms; their tasks are not sent again",
                partition, finished.size(), since, (System.nanoTime() - started) / 1_000_000);
        return finished;
    }

    void forget(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }
}
