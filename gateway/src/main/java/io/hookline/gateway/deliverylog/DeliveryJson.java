package io.hookline.gateway.deliverylog;

import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.states.AttemptStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** How the delivery-log API shows deliveries (API.md, "Delivery logs"). */
final class DeliveryJson {

    static final int PREVIEW = 500;
    /** API.md: the full response body, capped at 64 KiB (the deliverer reads no more; older or foreign records may hold more). */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private DeliveryJson() {
    }

    /**
     * One row of a webhook's delivery list: the delivery as its latest record left it. {@code attempts}
     * counts the attempts made, not the pending records (waits before the first); {@code reason} says
     * why a pending delivery waits or a skipped one was not sent.
     */
    record Row(String deliveryId, String eventId, String eventType, String status, String reason, int attempts, String lastAttemptAt,
            Integer responseCode, long responseTimeMs, String responseBodyPreview, String nextAttemptAt) {

        static Row of(List<DeliveryAttempt> attempts) {
            DeliveryAttempt last = attempts.get(attempts.size() - 1);
            int made = (int) attempts.stream().filter(a -> !AttemptStatus.PENDING.is(a.getStatus())).count();
            boolean explained = AttemptStatus.PENDING.is(last.getStatus()) || AttemptStatus.SKIPPED.is(last.getStatus());
            return new Row(last.getDeliveryId(), last.getEventId(), last.getEventType(), last.getStatus().name(),
                    explained ? last.getError() : null, made, text(last.getAttemptedAt()), last.getResponseCode(), last.getDurationMs(),
                    preview(last.getResponseBody()), text(last.getNextAttemptAt()));
        }

        /**
         * A delivery whose task is routed and its attempt not ended (queued, or in flight): pending,
         * with the attempts made before it (a re-delivery's) and when the last of them was made; no
         * response yet.
         */
        static Row queued(QueuedTask task, List<DeliveryAttempt> indexed) {
            List<DeliveryAttempt> made = indexed.stream().filter(a -> !AttemptStatus.PENDING.is(a.getStatus())).toList();
            String lastAttemptAt = made.isEmpty() ? null : text(made.get(made.size() - 1).getAttemptedAt());
            return new Row(task.deliveryId(), task.eventId(), task.eventType(), DeliveryIndex.PENDING, QueuedRows.QUEUED, made.size(),
                    lastAttemptAt, null, 0, null, null);
        }
    }

    /**
     * A delivery in full: the request as last sent (signature included; a skipped attempt sent
     * nothing, so an earlier one shows it when there is one) and every attempt, and the pending record
     * while it is the latest (a wait before the first attempt: attempt 0, why in {@code error}).
     */
    record Detail(String deliveryId, String webhookId, String eventId, String eventType, String status, Request request,
            List<Attempt> attempts) {

        static Detail of(List<DeliveryAttempt> attempts) {
            DeliveryAttempt last = attempts.get(attempts.size() - 1);
            DeliveryAttempt sent = last;
            for (int i = attempts.size() - 2; i >= 0 && unsent(sent); i--) {
                sent = unsent(attempts.get(i)) ? sent : attempts.get(i);
            }
            return new Detail(last.getDeliveryId(), last.getWebhookId(), last.getEventId(), last.getEventType(), last.getStatus().name(),
                    new Request(sent.getUrl(), sent.getRequestHeaders(), sent.getRequestBody()),
                    // a wait superseded by an attempt is history nobody needs; the current one says why it waits
                    attempts.stream().filter(a -> a == last || !AttemptStatus.PENDING.is(a.getStatus())).map(Attempt::of).toList());
        }

        /**
         * A delivery whose task waits or is in flight: pending. Not attempted yet, it shows the URL it
         * goes to and no attempt (the request is signed when sent); a re-delivery shows its earlier attempts.
         */
        static Detail queued(QueuedTask task, List<DeliveryAttempt> indexed) {
            if (indexed.isEmpty()) {
                return new Detail(task.deliveryId(), task.webhookId(), task.eventId(), task.eventType(), DeliveryIndex.PENDING,
                        new Request(task.url(), null, null), List.of());
            }
            Detail earlier = of(indexed);
            return new Detail(earlier.deliveryId(), earlier.webhookId(), earlier.eventId(), earlier.eventType(), DeliveryIndex.PENDING,
                    earlier.request(), earlier.attempts());
        }
    }

    /** A skip or a wait (pending) sent nothing: its record has the body but no headers. */
    private static boolean unsent(DeliveryAttempt attempt) {
        return AttemptStatus.SKIPPED.is(attempt.getStatus()) || AttemptStatus.PENDING.is(attempt.getStatus());
    }

    record Request(String url, Map<String, String> headers, String body) {
    }

    record Attempt(String attemptId, int attempt, String attemptedAt, String trigger, String status, Integer responseCode,
            Map<String, String> responseHeaders, String responseBody, long durationMs, String error, String nextAttemptAt) {

        static Attempt of(DeliveryAttempt a) {
            return new Attempt(a.getAttemptId(), a.getAttempt(), text(a.getAttemptedAt()), a.getTrigger().name(), a.getStatus().name(),
                    a.getResponseCode(), a.getResponseHeaders(), capped(a.getResponseBody()), a.getDurationMs(), a.getError(),
                    text(a.getNextAttemptAt()));
        }
    }

    /** The first 500 characters (code points, so that no surrogate pair is cut in half). */
    static String preview(String body) {
        return body == null || body.codePointCount(0, body.length()) <= PREVIEW ? body
                : body.substring(0, body.offsetByCodePoints(0, PREVIEW));
    }

    /** At most 64 KiB of UTF-8, cut at a character boundary. */
    static String capped(String body) {
        if (body == null || body.length() * 3L <= MAX_BODY_BYTES) {
            return body;
        }
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BODY_BYTES) {
            return body;
        }
        int end = MAX_BODY_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // back to the first byte of the character that would be cut
        }
        return new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
