package io.hookline.schemas;

import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SigningSecrets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * How a logged delivery is delivered again (the API's redeliver and recover, {@code hookline replay}):
 * a new task with the same delivery id, trigger {@code manual}, the next attempt number, the event as
 * it was sent, and the webhook's current URL, secrets, custom headers and settings.
 */
public final class Redelivery {

    public static final String TRIGGER = "manual";

    private static final String DATA = ",\"data\":";
    private static final String TIMESTAMP = ",\"timestamp\":\"";

    private Redelivery() {
    }

    /**
     * @param last the delivery's latest attempt: its body carries the event, its number the count so far
     * @throws IllegalArgumentException when the logged body is not a Hookline delivery body
     */
    public static DeliveryTask task(DeliveryAttempt last, Webhook webhook, Instant now) {
        String body = last.getRequestBody();
        return DeliveryTask.newBuilder()
                .setDeliveryId(last.getDeliveryId())
                .setWebhookId(webhook.getId())
                .setTenantId(webhook.getTenantId())
                .setEventId(last.getEventId())
                .setEventType(last.getEventType())
                .setEventTimestamp(timestamp(body))
                .setData(rawData(body))
                .setUrl(webhook.getUrl())
                .setSecrets(SigningSecrets.validAt(webhook, now))
                .setSendPlaintextSecret(webhook.getSendPlaintextSecret())
                .setRetryPolicy(webhook.getRetryPolicy())
                .setRateLimitPerSecond(webhook.getRateLimitPerSecond())
                .setOrdering(webhook.getOrdering())
                .setHeaders(webhook.getHeaders())
                .setAttempt(last.getAttempt() + 1)
                .setTrigger(TRIGGER)
                .setCreatedAt(now)
                .build();
    }

    /** What the audit log records of a queued re-delivery (its {@code after}), whoever queued it. */
    public static Map<String, Object> audited(DeliveryTask task) {
        return Map.of("deliveryId", task.getDeliveryId(), "attempt", task.getAttempt());
    }

    /**
     * The {@code data} of a delivered body, byte for byte: the body is compact JSON with {@code data}
     * last (API.md), and a {@code ,"data":} cannot occur inside the string values before it (their
     * quotes are escaped), so the first occurrence starts it.
     */
    public static String rawData(String body) {
        int start = body.indexOf(DATA);
        if (start < 0 || !body.endsWith("}")) {
            throw new IllegalArgumentException("not a Hookline delivery body");
        }
        return body.substring(start + DATA.length(), body.length() - 1);
    }

    /** The event's {@code timestamp} in a delivered body (found as {@link #rawData} finds its data). */
    public static Instant timestamp(String body) {
        int start = body.indexOf(TIMESTAMP);
        int end = start < 0 ? -1 : body.indexOf('"', start + TIMESTAMP.length());
        if (end < 0) {
            throw new IllegalArgumentException("not a Hookline delivery body");
        }
        try {
            return Instant.parse(body.substring(start + TIMESTAMP.length(), end));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a Hookline delivery body", e);
        }
    }
}
