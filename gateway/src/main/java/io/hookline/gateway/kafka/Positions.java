package io.hookline.gateway.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How far a {@link TopicView} has read, per partition (the next offset it will read), and who waits
 * for it to get past an offset. Thread-safe: the view's thread advances, request threads wait.
 */
final class Positions {

    private final Map<Integer, Long> next = new HashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();

    /**
     * Completes once the record at this offset has been read; fails with a
     * {@link java.util.concurrent.TimeoutException} after the timeout.
     */
    synchronized CompletableFuture<Void> await(int partition, long offset, Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (next.getOrDefault(partition, 0L) > offset) {
            done.complete(null);
            return done;
        }
        waiters.add(new Waiter(partition, offset, done));
        return done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records the view's new positions and releases whoever waited for them. */
    synchronized void advance(Map<Integer, Long> positions) {
        next.putAll(positions);
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.done.isDone()) {
                it.remove(); // timed out
            } else if (next.getOrDefault(waiter.partition, 0L) > waiter.offset) {
                waiter.done.complete(null);
                it.remove();
            }
        }
    }

    /** Whether every partition has been read up to (excluding) these offsets. */
    synchronized boolean reached(Map<Integer, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> next.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    private record Waiter(int partition, long offset, CompletableFuture<Void> done) {
    }
}
