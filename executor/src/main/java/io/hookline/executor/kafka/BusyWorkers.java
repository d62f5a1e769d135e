package io.hookline.executor.kafka;

import java.time.Duration;

/** How many workers are running a request; the consumer thread waits on it when all are. */
final class BusyWorkers {

    private int busy;

    synchronized int get() {
        return busy;
    }

    synchronized void taken() {
        busy++;
    }

    synchronized void freed() {
        busy--;
        notifyAll();
    }

    /** Returns when fewer than {@code limit} are busy, or after {@code atMost}, or on interrupt. */
    synchronized void awaitBelow(int limit, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        try {
            for (long left = atMost.toNanos(); busy >= limit && left > 0; left = deadline - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
