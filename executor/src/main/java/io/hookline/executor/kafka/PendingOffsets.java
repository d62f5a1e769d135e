package io.hookline.executor.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The requests taken but not yet answered, per partition, so the loop commits only below the oldest
 * unanswered one: requests finish out of order, and a crash must re-run, never lose, a request.
 */
final class PendingOffsets {

    private final Map<TopicPartition, NavigableSet<Long>> unfinished = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();

    synchronized void started(TopicPartition partition, long offset) {
        unfinished.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        next.merge(partition, offset + 1, Math::max);
    }

    synchronized void finished(TopicPartition partition, long offset) {
        NavigableSet<Long> offsets = unfinished.get(partition);
        if (offsets != null) {
            offsets.remove(offset);
        }
    }

    /** What may be committed now: each partition's oldest unanswered offset, or past its last one. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((partition, after) -> {
            NavigableSet<Long> open = unfinished.get(partition);
            offsets.put(partition, new OffsetAndMetadata(open == null || open.isEmpty() ? after : open.first()));
        });
        return offsets;
    }

    /** Partitions given to another executor: their late answers are still sent, but no longer committed here. */
    synchronized void forget(Iterable<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            unfinished.remove(partition);
            next.remove(partition);
        }
    }
}
