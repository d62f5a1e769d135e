package io.hookline.router.routing;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.Event;
import io.hookline.schemas.serde.AvroSerde;
import io.hookline.schemas.topics.Topics;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one record of {@code hookline.events}: an Avro {@link Event} in single-object encoding, or a
 * JSON object {@code {"type", "data", "id"?, "timestamp"?, "tenant_id"?}} (API.md, "Events").
 * Anything else is rejected with a reason a producer can act on. Never throws for bad input.
 */
final class EventParser {

    // Numbers keep their exact digits (BigDecimal, trailing zeros kept), so the data a receiver gets is
    // the data the producer sent; trailing garbage after the object is an error, not ignored. Parsers reuse
    // their buffers per thread (stream threads are few and long-lived): the default shared pool's
    // acquire was a third of checking an event's data (RouterCostBench's profile).
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /**
     * @param key       the record key, which must be the tenant id: it decides the partition, and only
     *                  that partition's task holds the tenant's webhooks
     * @param timestamp the record timestamp, the event's timestamp when it has none of its own
     */
    ParsedEvent parse(String key, byte[] value, long timestamp, String topic, int partition, long offset) {
        if (value == null) {
            return rejected("the value is null; an event is an Avro Event or a JSON object");
        }
        if (key == null) {
            return rejected("the record key is null; key events by tenant id so they reach the partition of the tenant's webhooks");
        }
        if (AvroSerde.isSingleObject(value)) {
            return fromAvro(key, value);
        }
        return switch (firstNonBlank(value)) {
            case '{' -> fromJson(key, value, timestamp, Ids.eventId(topic, partition, offset));
            case '[' -> rejected("the value is a JSON array; write one JSON event object per record");
            case -1 -> rejected("the value is empty; an event is an Avro Event or a JSON object");
            default -> rejected("the value is neither an Avro single-object encoded Event nor a JSON object");
        };
    }

    private ParsedEvent fromAvro(String key, byte[] value) {
        Event event;
        try {
            event = Topics.EVENT_VALUES.deserialize(value);
        } catch (RuntimeException e) {
            return rejected("the value starts like Avro single-object encoding but is not a decodable Event: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        requireText(event.getId(), "id", problems);
        requireText(event.getType(), "type", problems);
        requireText(event.getTenantId(), "tenantId", problems);
        if (event.getTenantId() != null && !event.getTenantId().isBlank() && !event.getTenantId().equals(key)) {
            problems.add("tenantId '" + event.getTenantId() + "' differs from the record key '" + key + "'");
        }
        String data = compactObject(event.getData(), problems);
        if (!problems.isEmpty()) {
            return rejected("invalid Avro Event: " + String.join("; ", problems));
        }
        return new ParsedEvent.Accepted(new IncomingEvent(event.getId(), key, event.getType(), event.getTimestamp(), data));
    }

    private ParsedEvent fromJson(String key, byte[] value, long recordTimestamp, String derivedId) {
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JacksonException e) {
            return rejected("the value is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return rejected("the value is not a JSON object");
        }
        List<String> problems = new ArrayList<>();
        String type = requiredText(root, "type", problems);
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            problems.add("data is missing");
        } else if (!data.isObject()) {
            problems.add("data must be a JSON object");
        }
        String id = optionalText(root, "id", problems);
        if (id != null && id.isBlank()) {
            problems.add("id must not be empty when present");
        }
        String tenant = optionalText(root, "tenant_id", problems);
        if (tenant != null && !tenant.equals(key)) {
            problems.add("tenant_id '" + tenant + "' differs from the record key '" + key + "'");
        }
        Instant timestamp = Instant.ofEpochMilli(recordTimestamp);
        String time = optionalText(root, "timestamp", problems);
        if (time != null) {
            try {
                timestamp = OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException e) {
                problems.add("timestamp '" + time + "' is not an RFC 3339 date-time");
            }
        }
        if (!problems.isEmpty()) {
            return rejected("invalid JSON event: " + String.join("; ", problems));
        }
        return new ParsedEvent.Accepted(new IncomingEvent(id != null ? id : derivedId, key, type, timestamp,
                JSON.writeValueAsString(data)));
    }

    /**
     * The data as compact JSON, or null and a problem when it is not one JSON object. Data that is compact
     * already (the gateway writes it so) is checked by streaming through it and kept as it is, which spares
     * every event a tree and its re-writing: most of checking the data, in RouterCostBench's profile.
     */
    private static String compactObject(String data, List<String> problems) {
        try {
            if (!isCompact(data)) {
                JsonNode node = JSON.readTree(data);
                if (node == null || !node.isObject()) {
                    problems.add("data must be a JSON object");
                    return null;
                }
                return JSON.writeValueAsString(node);
            }
            try (JsonParser parser = JSON.createParser(data)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    problems.add("data must be a JSON object");
                    return null;
                }
                parser.skipChildren();
                if (parser.nextToken() != null) {
                    problems.add("data is not valid JSON: more after the object");
                    return null;
                }
                return data;
            }
        } catch (JacksonException e) {
            problems.add("data is not valid JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    /** Whether the text has no whitespace outside its strings (whether it is JSON at all is the parser's to say). */
    private static boolean isCompact(String text) {
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                return false;
            }
        }
        return true;
    }

    /** The field's string value; null when absent or JSON null; a problem when of another type. */
    private static String optionalText(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            problems.add(field + " must be a string");
            return null;
        }
        return node.stringValue();
    }

    /** The field's non-empty string value, or null and a problem. */
    private static String requiredText(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problems.add(field + " is missing");
            return null;
        }
        String text = optionalText(root, field, problems);
        if (text != null && text.isBlank()) {
            problems.add(field + " must not be empty");
            return null;
        }
        return text;
    }

    private static void requireText(String value, String field, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + " must not be empty");
        }
    }

    private static int firstNonBlank(byte[] value) {
        for (byte b : value) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b & 0xFF;
            }
        }
        return -1;
    }

    private static ParsedEvent rejected(String reason) {
        return new ParsedEvent.Rejected(reason);
    }
}
