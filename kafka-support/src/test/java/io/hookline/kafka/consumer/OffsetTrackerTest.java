package io.hookline.kafka.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private final TopicPartition p0 = new TopicPartition("hookline.deliveries", 0);
    private final TopicPartition p1 = new TopicPartition("hookline.deliveries", 1);
    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void shouldCommitOnlyUpToTheLowestUnfinishedOffsetWhenLaterOnesFinishFirst() {
        // given
        PartitionOffsets offsets = trackAll(p0, 10, 11, 12, 13);

        // when
        offsets.finish(12);
        offsets.finish(13);
        offsets.finish(10);

        // then
        assertThat(tracker.committable()).isEqualTo(Map.of(p0, new OffsetAndMetadata(11)));
    }

    @Test
    void shouldCommitThePositionAfterTheLastReadWhenAllAreFinished() {
        // given
        PartitionOffsets offsets = trackAll(p0, 10, 11, 12);

        // when
        offsets.finish(11);
        offsets.finish(12);
        offsets.finish(10);

        // then
        assertThat(tracker.committable()).isEqualTo(Map.of(p0, new OffsetAndMetadata(13)));
    }

    @Test
    void shouldNotOfferTheSameOffsetTwice() {
        // given
        PartitionOffsets offsets = trackAll(p0, 5);
        offsets.finish(5);
        tracker.committed(tracker.committable());

        // then
        assertThat(tracker.committable()).isEmpty();
    }

    @Test
    void shouldOfferAnOffsetAgainWhenItsCommitFailed() {
        // given
        PartitionOffsets offsets = trackAll(p0, 5);
        offsets.finish(5);
        Map<TopicPartition, OffsetAndMetadata> commit = tracker.committable();
        tracker.committed(commit);

        // when
        tracker.commitFailed(commit);

        // then
        assertThat(tracker.committable()).isEqualTo(Map.of(p0, new OffsetAndMetadata(6)));
    }

    @Test
    void shouldKeepPartitionsApart() {
        // given
        PartitionOffsets first = trackAll(p0, 1, 2);
        trackAll(p1, 7, 8);

        // when
        first.finish(1);

        // then
        assertThat(tracker.committable()).isEqualTo(Map.of(p0, new OffsetAndMetadata(2), p1, new OffsetAndMetadata(7)));
    }

    @Test
    void shouldIgnoreWorkThatFinishesAfterItsPartitionWasRevoked() {
        // given
        PartitionOffsets old = trackAll(p0, 1, 2);
        tracker.forget(List.of(p0));
        PartitionOffsets reassigned = trackAll(p0, 1, 2);

        // when
        old.finish(1);
        old.finish(2);

        // then
        assertThat(tracker.committable()).isEqualTo(Map.of(p0, new OffsetAndMetadata(1)));
        assertThat(reassigned.unfinishedCount()).isEqualTo(2);
    }

    private PartitionOffsets trackAll(TopicPartition partition, long... offsets) {
        PartitionOffsets tracked = null;
        for (long offset : offsets) {
            tracked = tracker.track(partition, offset);
        }
        return tracked;
    }
}
