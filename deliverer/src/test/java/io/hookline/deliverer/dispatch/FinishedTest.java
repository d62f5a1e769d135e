package io.hookline.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class FinishedTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String TOPIC = "hookline.deliveries";

    private final List<String> reads = new ArrayList<>();
    /** A delivery log holding attempt 1 of dlv_old and dlv_new on partition 2, and nothing elsewhere. */
    private final AttemptHistory history = (partition, since, atMost, attempt) -> {
        reads.add(partition + " since " + since + " at most " + atMost);
        if (partition == 2) {
            attempt.accept("dlv_old", 1);
            attempt.accept("dlv_new", 1);
        }
    };
    private final Finished finished = new Finished(history, Clock.fixed(NOW, ZoneOffset.UTC), 10);

    @Test
    void shouldRebuildAPartitionFromTheLogSinceItsFirstRecordMinusTheLookback() {
        // given the first record read from partition 2 after assignment, written ten minutes ago
        Instant written = NOW.minusSeconds(600);

        // when its record is asked for
        FinishedDeliveries partition2 = finished.of(record(2, written));

        // then the log was read back from a minute before that record, bounded, and its attempts are covered
        assertThat(reads).containsExactly("2 since " + written.minus(Finished.LOOKBACK) + " at most 10");
        assertThat(partition2.covers(Fixtures.task("https://127.0.0.1/").setDeliveryId("dlv_old").build())).isTrue();
        assertThat(partition2.covers(Fixtures.task("https://127.0.0.1/").setDeliveryId("dlv_other").build())).isFalse();
    }

    @Test
    void shouldReadThePartitionBackOnceUntilItIsRevoked() {
        // given partition 2 read back on its first record
        FinishedDeliveries first = finished.of(record(2, NOW));

        // when later records come, then it is revoked and assigned again
        FinishedDeliveries later = finished.of(record(2, NOW));
        finished.forget(Set.of(new TopicPartition(TOPIC, 2)));
        FinishedDeliveries again = finished.of(record(2, NOW));

        // then the log was read once per assignment
        assertThat(later).isSameAs(first);
        assertThat(again).isNotSameAs(first);
        assertThat(reads).hasSize(2);
    }

    @Test
    void shouldNotTrustARecordTimestampInTheFuture() {
        // when the first record carries a timestamp an hour ahead (a producer's clock)
        finished.of(record(0, NOW.plusSeconds(3600)));

        // then the log is read from a minute before now, not from the future
        assertThat(reads).containsExactly("0 since " + NOW.minus(Finished.LOOKBACK) + " at most 10");
    }

    private static ConsumerRecord<String, byte[]> record(int partition, Instant timestamp) {
        return new ConsumerRecord<>(TOPIC, partition, 7, timestamp.toEpochMilli(), org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0, 0, "wh", new byte[0], new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty());
    }
}
