package io.hookline.gateway.table;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each team's quota on its tables: at most {@code maxRows} rows and {@code maxBytes} bytes, over all
 * its tables, in any rolling {@code window}. For writes, usage is counted from the table-rows topic
 * as the view reads it ({@link #record}), so it survives restarts and every gateway instance sees
 * every write, plus the writes this instance admitted that the view has not read back yet, so that
 * concurrent writes cannot pass together (two instances admitting at the same instant can overshoot
 * by what is in flight between them). Reads are counted by this instance as they are answered
 * ({@link #take}). Usage is kept in buckets of 1/1440 of the window (a minute of a day), so the
 * memory per team is bounded however much it does.
 */
final class TableQuota {

    /** What a write of some rows and bytes may do. */
    sealed interface Admission permits Admitted, TooLarge, Exhausted {
    }

    /** Go ahead; call {@link #release()} once the write is visible or has failed. */
    record Admitted(Runnable release) implements Admission {
    }

    /** This write alone is larger than the team may ever write at once. */
    record TooLarge(String reason) implements Admission {
    }

    /** The team's quota is used up until enough of its window's writes age out. */
    record Exhausted(String reason, Duration retryAfter) implements Admission {
    }

    private final String what;
    private final long maxRows;
    private final long maxBytes;
    private final long maxWriteRows;
    private final long maxWriteBytes;
    private final Duration window;
    private final long bucketMillis;
    private final Clock clock;
    private final Map<String, Usage> teams = new ConcurrentHashMap<>();

    /**
     * @param what {@code write} or {@code read}, for the messages
     * @param maxWriteRows the most one request may hold (and {@code maxWriteBytes}): more is {@link TooLarge}
     */
    TableQuota(String what, long maxRows, long maxBytes, Duration window, long maxWriteRows, long maxWriteBytes, Clock clock) {
        this.what = what;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.maxWriteRows = maxWriteRows;
        this.maxWriteBytes = maxWriteBytes;
        this.window = window;
        this.bucketMillis = Math.max(1000, window.toMillis() / 1440);
        this.clock = clock;
    }

    /** A write read from the topic. */
    void record(String teamId, Instant writtenAt, long rows, long bytes) {
        long now = clock.millis();
        if (writtenAt.toEpochMilli() <= now - window.toMillis()) {
            return; // outside the window already (e.g. read again at start-up)
        }
        Usage usage = teams.computeIfAbsent(teamId, t -> new Usage());
        synchronized (usage) {
            long[] bucket = usage.buckets.computeIfAbsent(writtenAt.toEpochMilli() / bucketMillis, b -> new long[2]);
            bucket[0] += rows;
            bucket[1] += bytes;
            usage.prune(now - window.toMillis(), bucketMillis);
        }
    }

    Admission admit(String teamId, long rows, long bytes) {
        if (rows > maxWriteRows || bytes > maxWriteBytes) {
            return new TooLarge("A single " + what + " may hold at most " + maxWriteRows + " rows and " + maxWriteBytes
                    + " bytes of JSON; this one has " + rows + " rows and " + bytes + " bytes. Split it.");
        }
        long now = clock.millis();
        Usage usage = teams.computeIfAbsent(teamId, t -> new Usage());
        synchronized (usage) {
            usage.prune(now - window.toMillis(), bucketMillis);
            long usedRows = usage.pendingRows;
            long usedBytes = usage.pendingBytes;
            for (long[] bucket : usage.buckets.values()) {
                usedRows += bucket[0];
                usedBytes += bucket[1];
            }
            if (usedRows + rows > maxRows || usedBytes + bytes > maxBytes) {
                return new Exhausted("Your team's table " + what + " quota is used up: at most " + maxRows + " rows and " + maxBytes
                        + " bytes in any " + window.toString().substring(2).toLowerCase() + "; "
                        + usedRows + " rows and " + usedBytes + " bytes are used.",
                        retryAfter(usage, usedRows, usedBytes, rows, bytes, now));
            }
            usage.pendingRows += rows;
            usage.pendingBytes += bytes;
        }
        return new Admitted(() -> {
            synchronized (usage) {
                usage.pendingRows -= rows;
                usage.pendingBytes -= bytes;
            }
        });
    }

    /** Admits and counts at once: for reads, which no topic records. */
    Admission take(String teamId, long rows, long bytes) {
        Admission admission = admit(teamId, rows, bytes);
        if (admission instanceof Admitted admitted) {
            record(teamId, clock.instant(), rows, bytes);
            admitted.release().run();
        }
        return admission;
    }

    /** When enough of the oldest buckets will have left the window for this write to fit (at least a second). */
    private Duration retryAfter(Usage usage, long usedRows, long usedBytes, long rows, long bytes, long now) {
        for (Map.Entry<Long, long[]> bucket : usage.buckets.entrySet()) {
            usedRows -= bucket.getValue()[0];
            usedBytes -= bucket.getValue()[1];
            if (usedRows + rows <= maxRows && usedBytes + bytes <= maxBytes) {
                long freedAt = (bucket.getKey() + 1) * bucketMillis + window.toMillis();
                return Duration.ofMillis(Math.max(1000, freedAt - now));
            }
        }
        // only writes still in flight stand in the way: they show up (and count) within moments
        return Duration.ofSeconds(1);
    }

    /** One team's writes in the window, by bucket, and those admitted but not yet read back. Guarded by itself. */
    private static final class Usage {

        private final TreeMap<Long, long[]> buckets = new TreeMap<>();
        private long pendingRows;
        private long pendingBytes;

        private void prune(long windowStartMillis, long bucketMillis) {
            Iterator<Map.Entry<Long, long[]>> oldest = buckets.entrySet().iterator();
            while (oldest.hasNext()) {
                // a bucket leaves once its last millisecond is outside the window
                if ((oldest.next().getKey() + 1) * bucketMillis > windowStartMillis) {
                    return;
                }
                oldest.remove();
            }
        }
    }
}
