package io.hookline.schemas.filter;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook's payload filter (API.md, "Payload filters"): a JSON document over an event's {@code type},
 * {@code tenant_id} and {@code data.…} paths with the operators {@code $eq $neq $in $nin $gt $gte $lt
 * $lte $exists $regex} on paths and {@code $and $or $not} around filters. The gateway parses it to
 * validate it; the router parses the stored form once per webhook and evaluates it per event.
 * Bounded in size, depth, conditions and pattern cost, so a filter cannot make routing slow.
 */
public final class EventFilter {

    /** The stored (compact JSON) form is at most this many characters. */
    public static final int MAX_LENGTH = 4096;
    public static final int MAX_DEPTH = 8;
    public static final int MAX_CONDITIONS = 64;
    public static final int MAX_LIST = 100;
    public static final int MAX_REGEXES = 8;
    public static final int MAX_REGEX_LENGTH = 256;
    public static final long MAX_REGEX_COST = 1000;

    // numbers keep their exact digits, so 0.1 compares as 0.1 and not as the double nearest to it
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final String json;
    private final Condition condition;

    private EventFilter(String json, Condition condition) {
        this.json = json;
        this.condition = condition;
    }

    /**
     * @param field what to call the filter in problems, such as {@code filter}
     * @throws InvalidFilterException listing every problem
     */
    public static EventFilter parse(JsonNode filter, String field) {
        String json = JSON.writeValueAsString(filter);
        if (json.length() > MAX_LENGTH) {
            throw new InvalidFilterException(List.of(new FilterProblem(field,
                    "is " + json.length() + " characters as compact JSON; a filter has at most " + MAX_LENGTH)));
        }
        FilterParser parser = new FilterParser();
        Condition condition = parser.filter(filter, field, null, 1);
        if (!parser.problems().isEmpty()) {
            throw new InvalidFilterException(parser.problems());
        }
        return new EventFilter(json, condition);
    }

    /** The stored form, as written by {@link #json()}. @throws InvalidFilterException when it is not a valid filter */
    public static EventFilter parse(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidFilterException(List.of(new FilterProblem("filter", "is not valid JSON: " + e.getOriginalMessage())));
        }
        return parse(node, "filter");
    }

    /** Whether the event passes. Does not throw for any event. */
    public boolean matches(FilterEvent event) {
        return condition.matches(event);
    }

    /** JSON (an event's data, a stored filter) parsed as filters compare it, numbers exact; null when it is not JSON. */
    public static JsonNode parseJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The filter as compact JSON, as it is stored on the webhook. */
    public String json() {
        return json;
    }

    @Override
    public String toString() {
        return json;
    }
}
