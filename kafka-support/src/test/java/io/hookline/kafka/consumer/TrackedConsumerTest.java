package io.hookline.kafka.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrackedConsumerTest {

    private static final String TOPIC = "hookline.deliveries";
    private final TopicPartition p0 = new TopicPartition(TOPIC, 0);
    private final TopicPartition p1 = new TopicPartition(TOPIC, 1);
    private final ListenedConsumer consumer = new ListenedConsumer();
    private final List<Collection<TopicPartition>> forgotten = new ArrayList<>();
    private final TrackedConsumer tracked = new TrackedConsumer(consumer, Duration.ZERO, forgotten::add);

    @BeforeEach
    void subscribe() {
        consumer.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
        tracked.subscribe(List.of(TOPIC));
        consumer.rebalance(List.of(p0, p1));
    }

    @Test
    void shouldCommitOnlyUpToTheFirstUnfinishedRecordOfEachPartition() {
        // given three records of p0 of which the middle one finishes first, and one of p1 that finishes
        PartitionOffsets first = tracked.track(record(p0, 0));
        PartitionOffsets p0Offsets = tracked.track(record(p0, 1));
        tracked.track(record(p0, 2));
        PartitionOffsets p1Offsets = tracked.track(record(p1, 0));
        p0Offsets.finish(1);
        p1Offsets.finish(0);

        // when
        tracked.commitIfDue();

        // then p0 stays at its first unfinished record; p1 moves past its last
        assertThat(committed()).containsEntry(p0, 0L).containsEntry(p1, 1L);
        assertThat(tracked.unfinished()).isEqualTo(2);

        // and when the first finishes, the commit moves to the next unfinished one
        first.finish(0);
        tracked.commitIfDue();
        assertThat(committed()).containsEntry(p0, 2L);
    }

    @Test
    void shouldApplyCompletionsFromOtherThreadsOnlyWhenTheLoopRunsThem() throws Exception {
        // given a record finished on a worker thread
        PartitionOffsets offsets = tracked.track(record(p0, 0));
        CompletableFuture.runAsync(() -> tracked.complete(() -> offsets.finish(0))).get();
        tracked.commitIfDue();
        assertThat(committed()).containsEntry(p0, 0L);

        // when the loop runs its completions
        tracked.runCompletions();
        tracked.commitIfDue();

        // then
        assertThat(committed()).containsEntry(p0, 1L);
    }

    @Test
    void shouldCommitWhatFinishedOfRevokedPartitionsAndIgnoreTheirLateResults() {
        // given p0's first record finished through the queue, its second still running
        PartitionOffsets offsets = tracked.track(record(p0, 0));
        tracked.track(record(p0, 1));
        tracked.complete(() -> offsets.finish(0));

        // when p0 is revoked
        consumer.revoke(p0);

        // then the queued completion counted, the partition is committed and forgotten
        assertThat(forgotten).containsExactly(List.of(p0));
        assertThat(committed()).containsEntry(p0, 1L);
        assertThat(tracked.assignedPartitions()).isEqualTo(1);
        assertThat(tracked.unfinished()).isZero();

        // and a late result of the revoked partition commits nothing
        offsets.finish(1);
        tracked.commitNow();
        assertThat(committed()).containsEntry(p0, 1L);
    }

    @Test
    void shouldPauseEveryAssignedPartitionWhileFullAndResumeThemAfter() {
        // when full: paused, and said so once
        assertThat(tracked.pauseWhile(true)).isTrue();
        assertThat(tracked.pauseWhile(true)).isFalse();
        assertThat(consumer.paused()).containsExactlyInAnyOrder(p0, p1);
        assertThat(tracked.isPaused()).isTrue();

        // a partition assigned while paused is paused too
        TopicPartition p2 = new TopicPartition(TOPIC, 2);
        consumer.updateBeginningOffsets(Map.of(p2, 0L));
        consumer.rebalance(List.of(p0, p1, p2));
        assertThat(consumer.paused()).contains(p2);

        // when no longer full
        assertThat(tracked.pauseWhile(false)).isFalse();

        // then
        assertThat(consumer.paused()).isEmpty();
        assertThat(tracked.isPaused()).isFalse();
    }

    @Test
    void shouldCommitWhatFinishedAndCloseTheConsumerWhenTheLoopLeaves() {
        // given a completion still queued when the loop is asked to stop
        PartitionOffsets offsets = tracked.track(record(p1, 0));
        tracked.complete(() -> offsets.finish(0));

        // when
        tracked.finish("test records");

        // then
        assertThat(consumer.committedBeforeClose).containsEntry(p1, new OffsetAndMetadata(1));
        assertThat(consumer.closed()).isTrue();
    }

    private Map<TopicPartition, Long> committed() {
        Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : consumer.committed(Set.of(p0, p1)).entrySet()) {
            if (entry.getValue() != null) {
                offsets.put(entry.getKey(), entry.getValue().offset());
            }
        }
        return offsets;
    }

    /**
     * MockConsumer tells the listener of a revocation after it changed the assignment, so a commit in
     * the callback fails there; the real consumer calls it first, as {@link #revoke} does.
     */
    private static final class ListenedConsumer extends MockConsumer<String, String> {

        private ConsumerRebalanceListener listener;
        private final Map<TopicPartition, OffsetAndMetadata> committedBeforeClose = new java.util.HashMap<>();

        ListenedConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
            this.listener = listener;
            super.subscribe(topics, listener);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            super.commitSync(offsets, timeout);
            committedBeforeClose.putAll(offsets);
        }

        void revoke(TopicPartition partition) {
            listener.onPartitionsRevoked(List.of(partition));
        }
    }

    private static ConsumerRecord<String, String> record(TopicPartition partition, long offset) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "k", "v");
    }
}
