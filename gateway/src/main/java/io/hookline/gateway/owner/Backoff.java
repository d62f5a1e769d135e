package io.hookline.gateway.owner;

import java.time.Duration;
import java.time.Instant;

/**
 * How long an owner loop waits before it starts a fresh consumer after an unexpected failure: the first
 * wait, doubled on each failure that follows, up to the cap, and the first again once the loop has run
 * that long without failing since it resumed. Used on the loop's thread only.
 */
final class Backoff {

    private final Duration first;
    private final Duration cap;
    private final Duration healthy;
    private Duration next;
    private Instant resumedAt;

    Backoff(Duration first, Duration cap, Duration healthy) {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off from " + first + " up to " + cap);
        }
        this.first = first;
        this.cap = cap;
        this.healthy = healthy;
        this.next = first;
    }

    /** The wait after a failure now; the loop resumes when it has passed. */
    Duration failed(Instant now) {
        if (resumedAt != null && !now.isBefore(resumedAt.plus(healthy))) {
            next = first; // a healthy stretch since the last restart: this failure is a new story
        }
        Duration wait = next;
        next = wait.multipliedBy(2).compareTo(cap) > 0 ? cap : wait.multipliedBy(2);
        resumedAt = now.plus(wait);
        return wait;
    }
}
