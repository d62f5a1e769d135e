package io.hookline.deliverer.http;

import java.time.Duration;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One attempt's time budget, {@code hookline.delivery.timeout}, counted from when the endpoint's part
 * begins: on a new connection, when its set-up got its turn (connect, TLS handshake, request, response
 * are charged); on a pooled connection, when the request is written. Waiting for a pooled connection or
 * for a set-up turn is Hookline's own queueing and is not charged.
 */
final class AttemptClock {

    private final Duration timeout;
    private final LongSupplier nanoTime;
    private final Sinks.One<Duration> left = Sinks.one();

    AttemptClock(Duration timeout, LongSupplier nanoTime) {
        this.timeout = timeout;
        this.nanoTime = nanoTime;
    }

    /**
     * The budget left when the request is about to be written on a connection whose set-up got its turn
     * at {@code turnAt} ({@code null}: a pooled connection, nothing spent yet). Never negative.
     */
    Duration left(Long turnAt) {
        if (turnAt == null) {
            return timeout;
        }
        Duration spent = Duration.ofNanos(nanoTime.getAsLong() - turnAt);
        return spent.compareTo(timeout) >= 0 ? Duration.ZERO : timeout.minus(spent);
    }

    /** The request is about to be written; the clock runs from here on what is {@link #left}. */
    void requestWritten(Long turnAt) {
        left.tryEmitValue(left(turnAt));
    }

    /** Emits when the budget is spent; never before the request is written. */
    Mono<Long> expiry() {
        return left.asMono().flatMap(Mono::delay);
    }
}
