package io.hookline.gateway.deliverylog;

import io.hookline.gateway.web.Problems;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a {@code POST /v4/webhooks/{id}/recover} re-delivers: the deliveries of a window whose latest
 * status in it is one of {@code statuses} (by default failed or skipped), of one event type or of any,
 * and whether to queue them or only count them ({@code dryRun}).
 *
 * @param eventType null for any
 */
record Recovery(Instant since, Instant until, Set<String> statuses, String eventType, boolean dryRun) {

    private static final Set<String> FIELDS = Set.of("since", "until", "status", "event", "dryRun");

    /** @throws io.hookline.gateway.web.ApiException 422 listing every problem */
    static Recovery of(JsonNode body, Instant now) {
        Problems problems = new Problems();
        if (!body.isObject()) {
            problems.add("", "must be a JSON object such as {\"since\": \"2026-03-28T10:15:00Z\"}");
            problems.throwIfAny();
        }
        for (String name : body.propertyNames()) {
            // a mistyped dryRun must not become a real recovery
            if (!FIELDS.contains(name)) {
                problems.add(name, "is not a field of a recovery (since, until, status, event, dryRun)");
            }
        }
        RedeliveryController.Window window = RedeliveryController.Window.of(body, now, problems);
        Set<String> statuses = statuses(body.get("status"), problems);
        String eventType = null;
        JsonNode event = body.get("event");
        if (event != null && !event.isNull()) {
            if (!event.isString() || event.stringValue().isBlank()) {
                problems.add("event", "must be an event type such as acronym.created");
            } else {
                eventType = event.stringValue();
            }
        }
        boolean dryRun = false;
        JsonNode dry = body.get("dryRun");
        if (dry != null && !dry.isNull()) {
            if (dry.isBoolean()) {
                dryRun = dry.booleanValue();
            } else {
                problems.add("dryRun", "must be true or false");
            }
        }
        problems.throwIfAny();
        return new Recovery(window.since(), window.until(), statuses, eventType, dryRun);
    }

    private static Set<String> statuses(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return Redeliveries.RECOVERABLE;
        }
        Set<String> statuses = new LinkedHashSet<>();
        boolean valid = node.isArray() && !node.isEmpty();
        for (JsonNode status : node.isArray() ? node.values() : List.<JsonNode>of()) {
            valid &= status.isString() && Redeliveries.RECOVERABLE.contains(status.stringValue());
            statuses.add(status.isString() ? status.stringValue() : "");
        }
        if (!valid) {
            problems.add("status", "must be a non-empty list of failed, skipped (the statuses a recovery re-delivers)");
        }
        return Set.copyOf(statuses);
    }
}
