package io.hookline.deliverer.delivery;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.AttemptStatusSymbol;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.states.AttemptStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Maps an attempt's outcome to the {@link DeliveryAttempt} recorded on the delivery log. */
final class Attempts {

    static final AttemptStatusSymbol SUCCEEDED = AttemptStatus.SUCCEEDED.symbol();
    static final AttemptStatusSymbol FAILED = AttemptStatus.FAILED.symbol();
    static final AttemptStatusSymbol RETRYING = AttemptStatus.RETRYING.symbol();
    static final AttemptStatusSymbol SKIPPED = AttemptStatus.SKIPPED.symbol();
    static final AttemptStatusSymbol PENDING = AttemptStatus.PENDING.symbol();
    /**
     * The attempt number of a pending record: no attempt has been made yet. Never the attempt that will
     * run, so that the delivery log's read-back after a crash ({@code dispatch.FinishedDeliveries}) cannot
     * take a delivery that only waited for one that was attempted, and skip it.
     */
    static final int PENDING_ATTEMPT = 0;

    private Attempts() {
    }

    /**
     * @param requestHeaders the headers sent, already redacted
     * @param requestBody    the body sent (or that would have been sent)
     */
    static DeliveryAttempt of(DeliveryTask task, Map<String, String> requestHeaders, String requestBody,
                              DeliveryOutcome outcome, Instant attemptedAt, long durationMs) {
        DeliveryAttempt.Builder attempt = base(task, attemptedAt, durationMs, Map.copyOf(requestHeaders), requestBody);
        outcome.match(new DeliveryOutcome.Cases<DeliveryAttempt.Builder>() {
            @Override
            public DeliveryAttempt.Builder responded(DeliveryOutcome.Responded responded) {
                return attempt.setStatus(responded.successful() ? SUCCEEDED : FAILED)
                        .setResponseCode(responded.status())
                        .setResponseHeaders(responded.headers())
                        .setResponseBody(responded.body())
                        .setError(responded.successful() ? null : "HTTP " + responded.status());
            }

            @Override
            public DeliveryAttempt.Builder timedOut(DeliveryOutcome.TimedOut timedOut) {
                return attempt.setStatus(FAILED).setError("timed out after " + human(timedOut.after()));
            }

            @Override
            public DeliveryAttempt.Builder refused(DeliveryOutcome.Refused refused) {
                return attempt.setStatus(FAILED).setError(refused.reason());
            }

            @Override
            public DeliveryAttempt.Builder unreachable(DeliveryOutcome.Unreachable unreachable) {
                return attempt.setStatus(FAILED).setError(unreachable.error());
            }
        });
        return attempt.build();
    }

    /** A task not sent because its webhook may not receive it (disabled, deleted, unknown). */
    static DeliveryAttempt skipped(DeliveryTask task, String body, String reason, Instant at) {
        return base(task, at, 0, Map.of(), body).setStatus(SKIPPED).setError(reason).build();
    }

    /** A task that waits before its first attempt, with why (in {@code error}) and when it is expected to start. */
    static DeliveryAttempt pending(DeliveryTask task, String body, String reason, Instant expectedAt, Instant at) {
        return base(task, at, 0, Map.of(), body).setAttempt(PENDING_ATTEMPT).setStatus(PENDING).setError(reason)
                .setNextAttemptAt(expectedAt).build();
    }

    /** What every attempt of the task says about it; status and outcome are the caller's. */
    private static DeliveryAttempt.Builder base(DeliveryTask task, Instant at, long durationMs, Map<String, String> requestHeaders,
                                                String requestBody) {
        return DeliveryAttempt.newBuilder()
                .setAttemptId(Ids.random(Ids.ATTEMPT))
                .setDeliveryId(task.getDeliveryId())
                .setWebhookId(task.getWebhookId())
                .setTenantId(task.getTenantId())
                .setEventId(task.getEventId())
                .setEventType(task.getEventType())
                .setAttempt(task.getAttempt())
                .setTrigger(task.getTrigger())
                .setAttemptedAt(at)
                .setDurationMs(durationMs)
                .setUrl(task.getUrl())
                .setRequestHeaders(requestHeaders)
                .setRequestBody(requestBody)
                .setResponseHeaders(Map.of())
                .setNextAttemptAt(null);
    }

    /** {@code 10s}, {@code 1500ms}, {@code 2m}, {@code 5d}: how the setting was most likely written. */
    static String human(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds > 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds > 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
