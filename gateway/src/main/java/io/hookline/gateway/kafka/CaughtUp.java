package io.hookline.gateway.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * A request's bounded wait for the views it reads to catch up after start-up. Once they have, as they have for
 * every request but the first few, the wait is {@link Mono#empty()}: {@code Mono.timeout} would arm a timer on
 * the {@code parallel} scheduler, and wake one of its threads, for every request only to cancel it at once.
 */
public final class CaughtUp {

    private CaughtUp() {
    }

    /**
     * Completes when {@code caughtUp} does, at once when it has already. Fails with a {@link KafkaUnavailableException}
     * ({@code 503}) saying "{@code notCaughtUp} within {@code timeout}" when it has not completed by then, and with
     * the future's own error when it failed.
     */
    public static Mono<Void> within(CompletableFuture<?> caughtUp, Duration timeout, String notCaughtUp) {
        if (caughtUp.isDone() && !caughtUp.isCompletedExceptionally()) {
            return Mono.empty();
        }
        return Mono.fromFuture(caughtUp).then()
                .timeout(timeout, Mono.error(() -> new KafkaUnavailableException(notCaughtUp + " within " + timeout)));
    }
}
