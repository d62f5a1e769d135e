package io.hookline.standalone.deliverylog;

import io.hookline.schemas.avro.DeliveryAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A delivery as the tests write it to the log: its attempts, and what its list row must say. */
record Delivery(String id, String eventType, String status, Instant first, List<DeliveryAttempt> attempts) {

    private static final String[] TYPES = {"acronym.created", "user.created", "category.deleted"};

    /**
     * {@code count} deliveries of the webhook, 47 minutes (and a millisecond) apart from {@code start}, cycling through
     * three event types and six histories: succeeded; failed; retried to success; retried twice and failed; retrying; skipped.
     */
    static List<Delivery> generate(String webhookId, int count, Instant start) {
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "dlv_" + webhookId.substring(3) + "_" + String.format("%05d", i);
            String type = TYPES[i % TYPES.length];
            Instant first = start.plus(Duration.ofMinutes(47L * i)).plusMillis(i);
            List<DeliveryAttempt> attempts = new ArrayList<>();
            String status = switch (i % 6) {
                case 0 -> add(attempts, webhookId, id, type, first, "succeeded", 200, "ok");
                case 1 -> add(attempts, webhookId, id, type, first, "failed", 500, "e".repeat(700));
                case 2 -> {
                    add(attempts, webhookId, id, type, first, "retrying", 503, "busy");
                    yield add(attempts, webhookId, id, type, first, "succeeded", 204, null);
                }
                case 3 -> {
                    add(attempts, webhookId, id, type, first, "retrying", 500, "a");
                    add(attempts, webhookId, id, type, first, "retrying", 502, "b");
                    yield add(attempts, webhookId, id, type, first, "failed", 404, "gone");
                }
                case 4 -> add(attempts, webhookId, id, type, first, "retrying", 429, "slow down");
                default -> add(attempts, webhookId, id, type, first, "skipped", null, null);
            };
            deliveries.add(new Delivery(id, type, status, first, attempts));
        }
        return deliveries;
    }

    private static String add(List<DeliveryAttempt> attempts, String webhookId, String id, String type, Instant first, String status,
            Integer code, String body) {
        int number = attempts.size() + 1;
        Instant at = first.plus(Duration.ofMinutes(5L * (number - 1)));
        attempts.add(LogApi.attempt(webhookId, id, type, number, status, at).setResponseCode(code).setResponseBody(body)
                .setError(code == null ? "webhook disabled" : code >= 300 ? "HTTP " + code : null)
                .setNextAttemptAt(status.equals("retrying") ? at.plus(Duration.ofMinutes(5)) : null).build());
        return status;
    }
}
