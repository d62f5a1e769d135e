package io.hookline.deliverer.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.LongSupplier;

/**
 * Turns for setting up a connection (TCP connect plus TLS handshake): at most {@code permits} at once,
 * first come first served. A handshake is mostly local CPU; a cold JVM's first burst opened one
 * connection per in-flight attempt (160 for 10 endpoints) and ran all their handshakes at once, so each
 * took seconds and the attempts timed out although every endpoint answered in milliseconds. Taking
 * turns, each handshake runs at full speed and the queue drains sooner than the pile-up did.
 *
 * <p>Waiting is not limited while the queue moves: a busy Hookline is no reason to pile handshakes up
 * again. It is limited when the queue is stuck: when no set-up has succeeded for {@code maxWait} (every
 * turn held by endpoints that hang in their handshake), a waiter goes ahead without a turn, so a few
 * such endpoints cannot hold back every other endpoint's connections for longer than that.
 */
final class SetupTurns {

    private final int permits;
    private final long maxWaitNanos;
    private final LongSupplier nanoTime;
    private final Queue<Ticket> waiting = new ArrayDeque<>();
    private int held;
    /** when a set-up last succeeded, or the queue last started (whichever is later): the queue's progress */
    private long progressAt;

    SetupTurns(int permits, Duration maxWait, LongSupplier nanoTime) {
        if (permits <= 0) {
            throw new IllegalArgumentException("permits must be positive: " + permits);
        }
        this.permits = permits;
        this.maxWaitNanos = maxWait.toNanos();
        this.nanoTime = nanoTime;
        this.progressAt = nanoTime.getAsLong();
    }

    /** Asks for a turn; {@code onTurn} runs once, now or when the turn comes (on the releasing thread). */
    Ticket request(Runnable onTurn) {
        Ticket ticket = new Ticket(onTurn);
        boolean now;
        synchronized (this) {
            now = held < permits;
            if (now) {
                held++;
                ticket.state = State.HOLDING;
            } else {
                if (waiting.isEmpty()) {
                    progressAt = Math.max(progressAt, nanoTime.getAsLong());
                }
                waiting.add(ticket);
            }
        }
        if (now) {
            onTurn.run();
        }
        return ticket;
    }

    synchronized int held() {
        return held;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private enum State { WAITING, HOLDING, WENT_AHEAD, DONE }

    /** One connection's place: waiting, holding a turn, or gone ahead without one. */
    final class Ticket {

        private final Runnable onTurn;
        private State state = State.WAITING;

        private Ticket(Runnable onTurn) {
            this.onTurn = onTurn;
        }

        /**
         * The waiter checks whether to keep waiting: if the queue has been stuck for {@code maxWait}, it goes
         * ahead without a turn. Returns when to check again, or {@link Duration#ZERO} when there is nothing
         * more to check (it went ahead, got its turn, or is done).
         */
        Duration check() {
            synchronized (SetupTurns.this) {
                if (state != State.WAITING) {
                    return Duration.ZERO;
                }
                long stuckFor = nanoTime.getAsLong() - progressAt;
                if (stuckFor < maxWaitNanos) {
                    return Duration.ofNanos(maxWaitNanos - stuckFor);
                }
                waiting.remove(this);
                state = State.WENT_AHEAD;
            }
            onTurn.run();
            return Duration.ZERO;
        }

        /**
         * The set-up is over ({@code succeeded}: connected and shaken hands; else it failed or closed): its
         * turn passes on. Idempotent.
         */
        void done(boolean succeeded) {
            Ticket next = null;
            synchronized (SetupTurns.this) {
                if (succeeded && state != State.DONE) {
                    progressAt = nanoTime.getAsLong();
                }
                State was = state;
                state = State.DONE;
                if (was == State.WAITING) {
                    waiting.remove(this);
                } else if (was == State.HOLDING) {
                    next = waiting.poll();
                    if (next == null) {
                        held--;
                    } else {
                        next.state = State.HOLDING;
                    }
                }
            }
            if (next != null) {
                next.onTurn.run();
            }
        }
    }
}
