package io.hookline.deliverer.delivery;

import io.hookline.deliverer.request.OutboundRequest;
import io.hookline.deliverer.request.RequestFactory;
import io.hookline.deliverer.request.UnsignableException;
import io.hookline.deliverer.retry.RetryDecision;
import io.hookline.deliverer.retry.RetryRules;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.states.AttemptStatus;
import io.hookline.schemas.states.Ordering;
import io.hookline.schemas.states.Trigger;
import io.hookline.schemas.topics.Topics;
import io.hookline.deliverer.health.EndpointHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One delivery task end to end: check the webhook may still receive it, sign, send, decide what
 * follows (retry later, give up, disable on 410) and record the attempt. The returned stage
 * completes when the attempt (and the next attempt's task, if any) is durably in Kafka, which is
 * what allows its offset to be committed.
 */
public final class DeliveryJob implements PendingLog {

    private static final Logger log = LoggerFactory.getLogger(DeliveryJob.class);

    static {
        // Avro's copy builders check classes against a trust list that the catalog's serdes extend
        Topics.DELIVERIES.name();
    }

    private final RequestFactory requests;
    private final Sender sender;
    private final AttemptLog attempts;
    private final Clock clock;
    private final RetryRules rules;
    private final RetryQueue retries;
    private final WebhookGate gate;
    private final EndpointHealth health;

    /** A job without retries or webhook checks: one attempt per task. */
    public DeliveryJob(RequestFactory requests, Sender sender, AttemptLog attempts, Clock clock) {
        this(new Transport(requests, sender), new Outputs(attempts, next -> CompletableFuture.completedFuture(null), WebhookGate.OPEN),
                Rules.withoutCircuits(new RetryRules(new SplittableRandom()::nextDouble), clock), clock);
    }

    /**
     * @param transport how each attempt's request is built and sent
     * @param outputs   where what a task leads to is written
     * @param rules     what follows an attempt: a retry, a wait behind an open circuit, disabling
     */
    public DeliveryJob(Transport transport, Outputs outputs, Rules rules, Clock clock) {
        this.requests = transport.requests();
        this.sender = transport.sender();
        this.attempts = outputs.attempts();
        this.retries = outputs.retries();
        this.gate = outputs.gate();
        this.rules = rules.retry();
        this.health = rules.health();
        this.clock = clock;
    }

    /** How an attempt's request is built (signed) and sent: what the job needs of HTTP. */
    public record Transport(RequestFactory requests, Sender sender) {
    }

    /**
     * Where the job writes: every attempt, the next attempt's task (or a deferred one), and the webhook's
     * own state (checked before, disabled after). Durable writes all, which the job's stage waits for.
     */
    public record Outputs(AttemptLog attempts, RetryQueue retries, WebhookGate gate) {
    }

    /** What decides what follows an attempt: when it is tried again, and each endpoint's circuit. */
    public record Rules(RetryRules retry, EndpointHealth health) {

        /** Retries without circuit breaking or auto-disabling: no failure count ever opens a circuit. */
        public static Rules withoutCircuits(RetryRules retry, Clock clock) {
            return new Rules(retry, new EndpointHealth(clock, Integer.MAX_VALUE, Duration.ZERO, ChronoUnit.FOREVER.getDuration()));
        }
    }

    /**
     * Completes once everything the task led to is durable: its attempt, the next attempt's task, or
     * a deferral (completing with null: nothing was attempted).
     */
    public CompletionStage<DeliveryAttempt> run(DeliveryTask task) {
        return deliver(task).thenCompose(result -> result.recorded().thenApply(recorded -> result.attempt()));
    }

    /**
     * As {@link #run}, and says whether the webhook's later deliveries must wait: a FIFO webhook
     * whose delivery went to the retry topic (to retry, or behind an open circuit) is held until it
     * comes back, and no later delivery may overtake it meanwhile. The stage completes once that is
     * known: for an attempt after which nothing else is written (delivered, or failed for good) that is
     * when the endpoint has answered, and the attempt's record is then still being written
     * ({@link Result#recorded()}); otherwise once everything is durable.
     */
    public CompletionStage<Result> deliver(DeliveryTask task) {
        return gate.skipReason(task).thenCompose(skip -> skip.isPresent() ? skip(task, skip.get()) : admitted(task));
    }

    /**
     * What a task led to.
     *
     * @param attempt   the attempt, recorded once {@code recorded} completes; null when the task was deferred without one
     * @param holdUntil for a FIFO webhook, the {@code notBefore} of its delivery now waiting in the retry topic; else null
     * @param recorded  completes when everything the task led to is durable (its offset may then be committed)
     */
    public record Result(DeliveryAttempt attempt, Instant holdUntil, CompletionStage<Void> recorded) {

        private static final CompletionStage<Void> DURABLE = CompletableFuture.completedFuture(null);

        /** A result whose writes are all durable already. */
        public Result(DeliveryAttempt attempt, Instant holdUntil) {
            this(attempt, holdUntil, DURABLE);
        }
    }

    private CompletionStage<Result> admitted(DeliveryTask task) {
        EndpointHealth.Admission admission = health.admit(task.getWebhookId());
        if (admission instanceof EndpointHealth.WaitUntil wait) {
            // the circuit is open: the task waits in Kafka (not in memory, not an attempt) and comes back then
            Instant until = rules.deferUntil(wait.until(), task.getCreatedAt(), clock.instant());
            CompletionStage<Void> shown = record(task, "circuit open until " + until.truncatedTo(ChronoUnit.MILLIS), until);
            return retries.schedule(DeliveryTask.newBuilder(task).setNotBefore(until).build())
                    .thenCombine(shown, (deferred, recorded) -> new Result(null, fifo(task) ? until : null));
        }
        return attempt(task);
    }

    /**
     * Records that the task waits before its first attempt (issue 13). A retry, or a re-delivery, of a
     * delivery that has been attempted already shows its own status (retrying, failed…) meanwhile.
     */
    @Override
    public void pending(DeliveryTask task, String reason, Instant expectedAt) {
        record(task, reason, expectedAt);
    }

    private CompletionStage<Void> record(DeliveryTask task, String reason, Instant expectedAt) {
        if (task.getAttempt() != 1 || Trigger.MANUAL.is(task.getTrigger())) {
            return CompletableFuture.completedFuture(null);
        }
        DeliveryAttempt pending = Attempts.pending(task, requests.body(task), reason, expectedAt, clock.instant());
        logOutcome(pending);
        // not waited for by the loop: the log's producer keeps trying until it stops, and a pending record
        // lost then is superseded by the attempt anyway
        return attempts.record(pending);
    }

    private static boolean fifo(DeliveryTask task) {
        return Ordering.FIFO.is(task.getOrdering());
    }

    private CompletionStage<Result> skip(DeliveryTask task, String reason) {
        DeliveryAttempt attempt = Attempts.skipped(task, requests.body(task), reason, clock.instant());
        logOutcome(attempt);
        return attempts.record(attempt).thenApply(recorded -> new Result(attempt, null));
    }

    private CompletionStage<Result> attempt(DeliveryTask task) {
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
            RetryDecision decision = rules.decide(task.getRetryPolicy(), task.getAttempt(), result.outcome(), clock.instant());
            boolean failingTooLong = !(result.outcome() instanceof DeliveryOutcome.Refused)
                    && health.record(task.getWebhookId(), decision instanceof RetryDecision.Delivered);
            CompletionStage<Result> followed = follow(task, attempt, decision, attemptedAt);
            if (failingTooLong) {
                String reason = "endpoint failing continuously for " + Attempts.human(health.disableAfter());
                return gate.disable(task, reason).thenCompose(disabled -> followed);
            }
            return followed;
        });
    }

    /** Writes what follows the attempt first (next task, disabling), then the attempt itself. */
    private CompletionStage<Result> follow(DeliveryTask task, DeliveryAttempt attempt, RetryDecision decision, Instant attemptedAt) {
        CompletionStage<Void> before;
        DeliveryAttempt recorded;
        Instant holdUntil = null;
        if (decision instanceof RetryDecision.RetryAt retry) {
            DeliveryTask next = DeliveryTask.newBuilder(task)
                    .setAttempt(task.getAttempt() + 1)
                    .setTrigger(Trigger.RETRY.symbol())
                    .setNotBefore(retry.at())
                    .setFirstAttemptedAt(task.getFirstAttemptedAt() == null ? attemptedAt : task.getFirstAttemptedAt())
                    .build();
            recorded = DeliveryAttempt.newBuilder(attempt).setStatus(Attempts.RETRYING).setNextAttemptAt(retry.at()).build();
            // a FIFO webhook's next deliveries wait behind this one, but not in memory nor in a slot: the
            // dispatcher parks them in the retry topic behind it (see the dispatch package's docs)
            holdUntil = fifo(task) ? retry.at() : null;
            before = retries.schedule(next);
        } else if (decision instanceof RetryDecision.Gone gone) {
            recorded = DeliveryAttempt.newBuilder(attempt).setError(attempt.getError() + "; " + gone.reason() + ": webhook disabled").build();
            before = gate.disable(task, gone.reason());
        } else {
            recorded = attempt;
            before = CompletableFuture.completedFuture(null);
        }
        logOutcome(recorded);
        if (decision instanceof RetryDecision.Delivered || decision instanceof RetryDecision.GiveUp) {
            // nothing is written before the attempt and nothing waits behind it: the endpoint's slot need not
            // wait for the record's acknowledgement (a linger and a round trip to the broker), only its offset does
            return CompletableFuture.completedFuture(new Result(recorded, null, attempts.record(recorded)));
        }
        Instant hold = holdUntil;
        return before.thenCompose(done -> attempts.record(recorded)).thenApply(done -> new Result(recorded, hold));
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
            switch (AttemptStatus.of(attempt.getStatus()).orElse(AttemptStatus.FAILED)) { // the job writes only these
                case SUCCEEDED -> log.debug("Delivered {} to {} in {} ms: HTTP {}", attempt.getDeliveryId(),
                        attempt.getUrl(), attempt.getDurationMs(), attempt.getResponseCode());
                case SKIPPED -> log.info("Delivery {} skipped: {}", attempt.getDeliveryId(), attempt.getError());
                case PENDING -> log.debug("Delivery {} pending: {}", attempt.getDeliveryId(), attempt.getError());
                case RETRYING -> log.info("Delivery {} to {} failed after {} ms, retrying at {}: {}", attempt.getDeliveryId(),
                        attempt.getUrl(), attempt.getDurationMs(), attempt.getNextAttemptAt(), attempt.getError());
                case FAILED -> log.info("Delivery {} to {} failed after {} ms: {}", attempt.getDeliveryId(), attempt.getUrl(),
                        attempt.getDurationMs(), attempt.getError());
            }
        }
    }

    private record Sent(Map<String, String> headers, String body, DeliveryOutcome outcome) {
    }
}
