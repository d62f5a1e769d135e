package io.hookline.kafka.consumer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Per partition, which read offsets are unfinished, and so what may be committed: up to the first
 * unfinished record of each partition, never past it, so everything after a group's committed offset
 * may be unfinished and a restart re-reads it (the deliverer's pending deliveries rely on that). A partition that
 * is revoked is forgotten: work still running for it finishes into a {@link PartitionOffsets} that
 * is no longer tracked, which is how late results of a revoked partition are ignored. Used by the
 * consumer thread only.
 */
public final class OffsetTracker {

    private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();

    /** Starts tracking a read offset; finish it through the returned partition. */
    public PartitionOffsets track(TopicPartition partition, long offset) {
        PartitionOffsets offsets = partitions.computeIfAbsent(partition, p -> new PartitionOffsets());
        offsets.track(offset);
        return offsets;
    }

    /** What to commit: for each partition whose committable offset moved. */
    public Map<TopicPartition, OffsetAndMetadata> committable() {
        return committable(partitions.keySet());
    }

    public Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> among) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition partition : among) {
            PartitionOffsets offsets = partitions.get(partition);
            if (offsets != null) {
                OptionalLong offset = offsets.committable();
                offset.ifPresent(o -> commit.put(partition, new OffsetAndMetadata(o)));
            }
        }
        return commit;
    }

    public void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionOffsets tracked = partitions.get(partition);
            if (tracked != null) {
                tracked.committed(offset.offset());
            }
        });
    }

    public void commitFailed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionOffsets tracked = partitions.get(partition);
            if (tracked != null) {
                tracked.commitFailed(offset.offset());
            }
        });
    }

    public void forget(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }

    public int unfinished() {
        return partitions.values().stream().mapToInt(PartitionOffsets::unfinishedCount).sum();
    }
}
