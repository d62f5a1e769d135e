package io.hookline.gateway.deliverylog;

import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * A histogram of attempt durations small enough to keep per webhook and hour: each doubling of the
 * duration split into four equal buckets (so a bucket is 12.5-25 % of its durations wide), from under
 * 1 ms to 57 s and beyond, as counts. Percentiles read from it are a bucket's middle, so within about
 * 12 % of the exact figure whatever the number of attempts; hours add up by adding counts.
 */
public final class Latencies {

    /**
     * Bucket 0 holds durations under 1 ms; bucket {@code 1 + 4·o + s} those in
     * [2^o·(1 + s/4), 2^o·(1 + (s+1)/4)) ms for o in 0..15, s in 0..3; the last also everything longer.
     */
    static final int BUCKETS = 65;
    static final int BYTES = BUCKETS * Integer.BYTES;
    private static final int STEPS = 4;

    private final int[] counts;

    private Latencies(int[] counts) {
        this.counts = counts;
    }

    public static Latencies empty() {
        return new Latencies(new int[BUCKETS]);
    }

    /** Reads counts written by {@link #write}; a buffer without them (an index of an older layout) reads as empty. */
    static Latencies read(ByteBuffer buffer) {
        int[] counts = new int[BUCKETS];
        if (buffer.remaining() >= BYTES) {
            for (int i = 0; i < BUCKETS; i++) {
                counts[i] = buffer.getInt();
            }
        }
        return new Latencies(counts);
    }

    void write(ByteBuffer buffer) {
        for (int count : counts) {
            buffer.putInt(count);
        }
    }

    static int bucket(long millis) {
        if (millis < 1) {
            return 0;
        }
        int octave = 63 - Long.numberOfLeadingZeros(millis);
        long base = 1L << octave;
        int step = (int) ((millis - base) * STEPS / base);
        return Math.min(1 + octave * STEPS + step, BUCKETS - 1);
    }

    void add(long millis) {
        counts[bucket(millis)]++;
    }

    /** The sum of this and the other histogram, as a new one. */
    public Latencies plus(Latencies other) {
        int[] sum = new int[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            sum[i] = counts[i] + other.counts[i];
        }
        return new Latencies(sum);
    }

    public long count() {
        long total = 0;
        for (int count : counts) {
            total += count;
        }
        return total;
    }

    /** The duration under which this share of the attempts finished (nearest rank), in ms; empty without attempts. */
    public OptionalLong percentile(int percent) {
        long total = count();
        if (total == 0) {
            return OptionalLong.empty();
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
        long seen = 0;
        for (int k = 0; k < BUCKETS; k++) {
            seen += counts[k];
            if (seen >= rank) {
                return OptionalLong.of(middle(k));
            }
        }
        return OptionalLong.of(middle(BUCKETS - 1));
    }

    /** The middle of bucket k, in whole ms (0 for the bucket under 1 ms). */
    static long middle(int k) {
        if (k == 0) {
            return 0;
        }
        int octave = (k - 1) / STEPS;
        int step = (k - 1) % STEPS;
        return Math.round((1L << octave) * (1 + (step + 0.5) / STEPS));
    }
}
