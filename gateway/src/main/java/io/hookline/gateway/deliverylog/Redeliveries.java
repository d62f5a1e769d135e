package io.hookline.gateway.deliverylog;

import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.schemas.Redelivery;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.states.AttemptStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Re-delivery from the log: one delivery ({@code …/redeliver}) or every delivery of a webhook whose
 * latest status in a window is failed or skipped, or only one of them, of any event type or of one ({@code …/recover}), each as a new task with trigger
 * {@code manual}, the same delivery id and the next attempt number ({@link Redelivery}).
 */
final class Redeliveries {

    /** Issue 4: a delivery whose latest status in the window is one of these is recovered. */
    static final Set<String> RECOVERABLE = Set.of(AttemptStatus.FAILED.wire(), AttemptStatus.SKIPPED.wire());
    /** Bounds one recovery's memory and the burst it sends; a larger backlog takes narrower windows. */
    static final int MAX_RECOVERED = 10_000;
    private static final int CONCURRENT_SENDS = 32;
    private static final Logger log = LoggerFactory.getLogger(Redeliveries.class);

    private final DeliveryIndex index;
    private final TaskSink sink;
    private final Clock clock;

    Redeliveries(DeliveryIndex index, TaskSink sink, Clock clock) {
        this.index = index;
        this.sink = sink;
        this.clock = clock;
    }

    /** Completes with the new task once Kafka has it. */
    Mono<DeliveryTask> redeliver(Webhook webhook, String deliveryId) {
        return Mono.fromCallable(() -> {
            requireDeliverable(webhook);
            List<DeliveryAttempt> attempts = index.attempts(deliveryId);
            if (attempts.isEmpty() || !attempts.get(0).getWebhookId().equals(webhook.getId())) {
                throw ApiException.notFound();
            }
            return task(attempts.get(attempts.size() - 1), webhook).orElseThrow(() -> new ApiException(ErrorCode.CONFLICT,
                    "The logged request of this delivery is not a Hookline delivery body; it cannot be sent again."));
        }).flatMap(task -> sink.send(task).thenReturn(task));
    }

    /**
     * Completes with the number of deliveries queued once Kafka has every one of them; for a dry run,
     * with the number that would be, queuing nothing.
     */
    Mono<Integer> recover(Webhook webhook, Recovery recovery) {
        return Mono.fromCallable(() -> {
            requireDeliverable(webhook);
            return recoverable(webhook, recovery);
        }).flatMap(tasks -> recovery.dryRun() ? Mono.just(tasks.size())
                : Flux.fromIterable(tasks).flatMap(sink::send, CONCURRENT_SENDS).then(Mono.just(tasks.size())));
    }

    /**
     * Only deliveries with an attempt of a chosen status in the window can qualify, so the scan looks at
     * those alone, and for each one asks the delivery's attempts which of them was its latest in the window.
     */
    private List<DeliveryTask> recoverable(Webhook webhook, Recovery recovery) {
        Set<String> decided = new HashSet<>();
        List<DeliveryTask> tasks = new ArrayList<>();
        for (Map.Entry<String, String> attempt : index.attemptsIn(webhook.getId(), recovery.since(), recovery.until())) {
            if (!recovery.statuses().contains(attempt.getValue()) || !decided.add(attempt.getKey())) {
                continue;
            }
            List<DeliveryAttempt> attempts = index.attempts(attempt.getKey());
            DeliveryAttempt latestInWindow = attempts.stream()
                    .filter(a -> !a.getAttemptedAt().isBefore(recovery.since()) && a.getAttemptedAt().isBefore(recovery.until()))
                    .reduce((first, second) -> second).orElseThrow();
            boolean ofType = recovery.eventType() == null || recovery.eventType().equals(latestInWindow.getEventType());
            if (ofType && recovery.statuses().contains(latestInWindow.getStatus().name())) {
                task(attempts.get(attempts.size() - 1), webhook).ifPresent(tasks::add);
                if (tasks.size() > MAX_RECOVERED) {
                    throw ApiException.validation("since", "the window holds more than " + MAX_RECOVERED
                            + " deliveries to re-deliver; recover it in narrower windows");
                }
            }
        }
        return tasks;
    }

    private Optional<DeliveryTask> task(DeliveryAttempt last, Webhook webhook) {
        try {
            return Optional.of(Redelivery.task(last, webhook, clock.instant()));
        } catch (IllegalArgumentException e) {
            log.warn("Delivery {} cannot be sent again: its logged request body is not a Hookline delivery body", last.getDeliveryId());
            return Optional.empty();
        }
    }

    private static void requireDeliverable(Webhook webhook) {
        if (LogAccess.deleted(webhook)) {
            throw new ApiException(ErrorCode.CONFLICT, "The webhook is deleted; it gets no deliveries.");
        }
        if (!webhook.getEnabled()) {
            throw new ApiException(ErrorCode.CONFLICT, "The webhook is disabled: enable it first.");
        }
    }
}
