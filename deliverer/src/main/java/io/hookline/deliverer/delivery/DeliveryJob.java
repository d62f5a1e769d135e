package io.hookline.deliverer.delivery;

import io.hookline.deliverer.request.OutboundRequest;
import io.hookline.deliverer.request.RequestFactory;
import io.hookline.deliverer.request.UnsignableException;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One delivery task end to end: sign, send, and record the attempt. The returned stage completes
 * when the attempt is durably on the delivery log, which is what allows its offset to be committed.
 */
public final class DeliveryJob {

    private static final Logger log = LoggerFactory.getLogger(DeliveryJob.class);

    private final RequestFactory requests;
    private final Sender sender;
    private final AttemptLog attempts;
    private final Clock clock;

    public DeliveryJob(RequestFactory requests, Sender sender, AttemptLog attempts, Clock clock) {
        this.requests = requests;
        this.sender = sender;
        this.attempts = attempts;
        this.clock = clock;
    }

    public CompletionStage<DeliveryAttempt> run(DeliveryTask task) {
        Instant attemptedAt = clock.instant();
        long started = System.nanoTime();
        CompletionStage<Sent> sent;
        try {
            OutboundRequest request = requests.build(task);
            sent = send(request).thenApply(outcome -> new Sent(request.redactedHeaders(), request.body(), outcome));
        } catch (UnsignableException e) {
            sent = CompletableFuture.completedFuture(
                    new Sent(Map.of(), requests.body(task), new DeliveryOutcome.Refused(e.getMessage())));
        }
        return sent.thenCompose(result -> {
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            DeliveryAttempt attempt = Attempts.of(task, result.headers(), result.body(), result.outcome(), attemptedAt, durationMs);
            logOutcome(attempt);
            return attempts.record(attempt).thenApply(recorded -> attempt);
        });
    }

    /** Whatever goes wrong in the sender is still an outcome, so that the attempt is recorded. */
    private CompletionStage<DeliveryOutcome> send(OutboundRequest request) {
        CompletionStage<DeliveryOutcome> outcome;
        try {
            outcome = sender.send(request);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.exceptionally(e -> new DeliveryOutcome.Unreachable("delivery failed: " + e));
    }

    private static void logOutcome(DeliveryAttempt attempt) {
        try (MDC.MDCCloseable w = MDC.putCloseable("webhookId", attempt.getWebhookId());
             MDC.MDCCloseable d = MDC.putCloseable("deliveryId", attempt.getDeliveryId());
             MDC.MDCCloseable a = MDC.putCloseable("attempt", Integer.toString(attempt.getAttempt()))) {
            if (Attempts.SUCCEEDED.equals(attempt.getStatus())) {
                log.debug("Delivered {} to {} in {} ms: HTTP {}", attempt.getDeliveryId(), attempt.getUrl(),
                        attempt.getDurationMs(), attempt.getResponseCode());
            } else {
                log.info("Delivery {} to {} failed after {} ms: {}", attempt.getDeliveryId(), attempt.getUrl(),
                        attempt.getDurationMs(), attempt.getError());
            }
        }
    }

    private record Sent(Map<String, String> headers, String body, DeliveryOutcome outcome) {
    }
}
