package io.hookline.kafka.consumer;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The offsets of one assigned partition that were read but whose work is not finished. The offset
 * that may be committed is the lowest unfinished one, or the one after the last read when all are
 * done: a restart re-reads everything not finished and nothing else. Used by the consumer thread only.
 */
public final class PartitionOffsets {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long next = -1;
    private long committed = -1;

    public PartitionOffsets() {
    }

    void track(long offset) {
        unfinished.add(offset);
        next = Math.max(next, offset + 1);
    }

    public void finish(long offset) {
        unfinished.remove(offset);
    }

    public int unfinishedCount() {
        return unfinished.size();
    }

    /** The offset to commit, when it moved since the last commit. */
    OptionalLong committable() {
        if (next < 0) {
            return OptionalLong.empty();
        }
        long offset = unfinished.isEmpty() ? next : unfinished.first();
        return offset == committed ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** After a failed commit: offer the offset again. */
    void commitFailed(long offset) {
        if (committed == offset) {
            committed = -1;
        }
    }
}
