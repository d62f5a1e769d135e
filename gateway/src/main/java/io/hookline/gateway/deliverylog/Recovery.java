package io.hookline.gateway.deliverylog;

import io.hookline.gateway.web.Problems;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a {@code POST /v4/webhooks/{id}/recover} re-delivers: the deliveries of a window, {@code since}
 * (required) to {@code until} (default now) and at most 14 days, whose latest status in it is one of
 * {@code statuses} (by default failed or skipped), of one event type or of any; and whether to queue
 * them or only count them ({@code dryRun}).
 *
 * @param eventType null for any
 */
record Recovery(Instant since, Instant until, Set<String> statuses, String eventType, boolean dryRun) {

    /** As {@code hookline replay} without {@code --force}: a longer window is more likely a mistake than a plan. */
    static final Duration MAX_WINDOW = Duration.ofDays(14);

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
        Optional<Instant> since = time(body, "since", problems);
        Instant until = until(body, since, now, problems);
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
        return new Recovery(since.orElseThrow(), until, statuses, eventType, dryRun);
    }

    /** The window's end, checked against its start once both are well formed. */
    private static Instant until(JsonNode body, Optional<Instant> since, Instant now, Problems problems) {
        Problems mine = new Problems();
        Optional<Instant> until = time(body, "until", mine);
        if (body.get("since") == null || body.get("since").isNull()) {
            mine.add("since", "is required: an RFC 3339 timestamp such as 2026-03-28T10:15:00Z");
        }
        Instant end = until.orElse(now);
        if (since.isPresent() && mine.isEmpty()) {
            if (!end.isAfter(since.get())) {
                mine.add(until.isPresent() ? "until" : "since", until.isPresent() ? "must be after since" : "must be in the past");
            } else if (Duration.between(since.get(), end).compareTo(MAX_WINDOW) > 0) {
                mine.add(until.isPresent() ? "until" : "since", "the window is longer than 14 days; recover it in windows "
                        + "of at most 14 days (a mistyped date would otherwise re-send weeks of deliveries)");
            }
        }
        problems.addAll(mine.list());
        return end;
    }

    private static Optional<Instant> time(JsonNode body, String field, Problems problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            problems.add(field, "must be an RFC 3339 timestamp such as 2026-03-28T10:15:00Z");
            return Optional.empty();
        }
        return DeliveryLogController.time(field, value.stringValue(), problems);
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
