package io.hookline.deliverer.dispatch;

/**
 * A per-webhook rate limit: {@code ratePerSecond} tokens a second, at most one second's worth
 * saved up. Time is passed in (nanoseconds) so tests need no waiting. Not thread-safe: the
 * dispatcher calls it under its lock.
 */
final class TokenBucket {

    private static final long SECOND = 1_000_000_000L;

    private final int ratePerSecond;
    private double tokens;
    private long refilledAt;

    TokenBucket(int ratePerSecond, long now) {
        this.ratePerSecond = ratePerSecond;
        this.tokens = ratePerSecond;
        this.refilledAt = now;
    }

    int rate() {
        return ratePerSecond;
    }

    boolean tryTake(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    boolean available(long now) {
        refill(now);
        return tokens >= 1;
    }

    /** Nanoseconds from {@code now} until {@code needed} tokens will have been added (0 when they are there). */
    long nanosUntil(long now, int needed) {
        refill(now);
        double missing = needed - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing * SECOND / ratePerSecond);
    }

    /** Full again: forgetting it changes nothing. */
    boolean full(long now) {
        refill(now);
        return tokens >= ratePerSecond;
    }

    private void refill(long now) {
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(ratePerSecond, tokens + (double) elapsed * ratePerSecond / SECOND);
            refilledAt = now;
        }
    }
}
