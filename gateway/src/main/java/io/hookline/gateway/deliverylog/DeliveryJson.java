package io.hookline.gateway.deliverylog;

import io.hookline.schemas.avro.DeliveryAttempt;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** How the delivery-log API shows deliveries (API.md, "Delivery logs"). */
final class DeliveryJson {

    static final int PREVIEW = 500;

    private DeliveryJson() {
    }

    /** One row of a webhook's delivery list: the delivery as its latest attempt left it. */
    record Row(String deliveryId, String eventId, String eventType, String status, int attempts, String lastAttemptAt,
            Integer responseCode, long responseTimeMs, String responseBodyPreview, String nextAttemptAt) {

        static Row of(List<DeliveryAttempt> attempts) {
            DeliveryAttempt last = attempts.get(attempts.size() - 1);
            return new Row(last.getDeliveryId(), last.getEventId(), last.getEventType(), last.getStatus(), attempts.size(),
                    text(last.getAttemptedAt()), last.getResponseCode(), last.getDurationMs(), preview(last.getResponseBody()),
                    text(last.getNextAttemptAt()));
        }
    }

    /** A delivery in full: the request as last sent (signature included) and every attempt. */
    record Detail(String deliveryId, String webhookId, String eventId, String eventType, String status, Request request,
            List<Attempt> attempts) {

        static Detail of(List<DeliveryAttempt> attempts) {
            DeliveryAttempt last = attempts.get(attempts.size() - 1);
            return new Detail(last.getDeliveryId(), last.getWebhookId(), last.getEventId(), last.getEventType(), last.getStatus(),
                    new Request(last.getUrl(), last.getRequestHeaders(), last.getRequestBody()),
                    attempts.stream().map(Attempt::of).toList());
        }
    }

    record Request(String url, Map<String, String> headers, String body) {
    }

    record Attempt(String attemptId, int attempt, String attemptedAt, String trigger, String status, Integer responseCode,
            Map<String, String> responseHeaders, String responseBody, long durationMs, String error, String nextAttemptAt) {

        static Attempt of(DeliveryAttempt a) {
            return new Attempt(a.getAttemptId(), a.getAttempt(), text(a.getAttemptedAt()), a.getTrigger(), a.getStatus(),
                    a.getResponseCode(), a.getResponseHeaders(), a.getResponseBody(), a.getDurationMs(), a.getError(),
                    text(a.getNextAttemptAt()));
        }
    }

    static String preview(String body) {
        return body == null || body.length() <= PREVIEW ? body : body.substring(0, PREVIEW);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
