package io.hookline.gateway.event;

import io.hookline.gateway.web.Problems;
import io.hookline.schemas.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks the body of {@code POST /v4/events} (one event object or an array of 1 to 1,000) and lists
 * every problem at once: unknown fields, the type against the catalog, {@code data} against the
 * type's schema, the optional id and timestamp.
 */
final class EventValidator {

    static final int MAX_BATCH = 1000;
    static final int MAX_ID_LENGTH = 128;
    private static final Set<String> FIELDS = Set.of("type", "data", "id", "timestamp");

    private final EventTypes catalog;
    private final Clock clock;

    EventValidator(EventTypes catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** @throws io.hookline.gateway.web.ApiException 422 listing every problem */
    List<NewEvent> validate(String teamId, JsonNode body) {
        Problems problems = new Problems();
        List<NewEvent> events = new ArrayList<>();
        Instant now = clock.instant();
        if (body.isObject()) {
            events.add(event(teamId, body, "", now, problems));
        } else if (body.isArray()) {
            if (body.isEmpty() || body.size() > MAX_BATCH) {
                problems.add("body", "must hold 1 to " + MAX_BATCH + " events, has " + body.size());
            } else {
                for (int i = 0; i < body.size(); i++) {
                    events.add(event(teamId, body.get(i), "[" + i + "]", now, problems));
                }
            }
        } else {
            problems.add("body", "must be an event object or an array of 1 to " + MAX_BATCH + " event objects");
        }
        problems.throwIfAny();
        return events;
    }

    private NewEvent event(String teamId, JsonNode node, String at, Instant now, Problems problems) {
        if (!node.isObject()) {
            problems.add(at, "must be an event object");
            return null;
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                problems.add(Problems.join(at, name), "is not a field of an event (type, data, id, timestamp)");
            }
        }
        String type = type(teamId, node.get("type"), Problems.join(at, "type"), problems);
        JsonNode data = node.get("data");
        String dataField = Problems.join(at, "data");
        if (data == null || data.isNull()) {
            problems.add(dataField, "is required");
        } else if (!data.isObject()) {
            problems.add(dataField, "must be an object");
        } else if (type != null) {
            problems.addAll(catalog.validate(teamId, type, data, dataField));
        }
        String id = id(node.get("id"), Problems.join(at, "id"), problems);
        Instant timestamp = timestamp(node.get("timestamp"), Problems.join(at, "timestamp"), problems, now);
        return new NewEvent(id, type, timestamp, data);
    }

    /** The type when it is a catalog type, else null (and a problem). */
    private String type(String teamId, JsonNode node, String field, Problems problems) {
        if (node == null || node.isNull()) {
            problems.add(field, "is required");
        } else if (!node.isString()) {
            problems.add(field, "must be a string");
        } else if (!catalog.contains(teamId, node.stringValue())) {
            problems.add(field, "'" + node.stringValue() + "' is not an event type of the catalog (see GET /v4/event-types)");
        } else {
            return node.stringValue();
        }
        return null;
    }

    private static String id(JsonNode node, String field, Problems problems) {
        if (node == null || node.isNull()) {
            return Ids.random(Ids.EVENT);
        }
        if (!node.isString()) {
            problems.add(field, "must be a string");
            return null;
        }
        String id = node.stringValue();
        if (!id.startsWith(Ids.EVENT) || id.length() == Ids.EVENT.length()) {
            problems.add(field, "must start with '" + Ids.EVENT + "' followed by at least one character");
        } else if (id.length() > MAX_ID_LENGTH) {
            problems.add(field, "must be at most " + MAX_ID_LENGTH + " characters");
        } else if (id.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            problems.add(field, "must not contain spaces or control characters");
        }
        return id;
    }

    private static Instant timestamp(JsonNode node, String field, Problems problems, Instant now) {
        if (node == null || node.isNull()) {
            return now;
        }
        if (!node.isString()) {
            problems.add(field, "must be an RFC 3339 string such as 2026-03-28T10:15:00Z");
            return null;
        }
        try {
            return OffsetDateTime.parse(node.stringValue()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(field, "must be an RFC 3339 timestamp such as 2026-03-28T10:15:00Z");
            return null;
        }
    }
}
