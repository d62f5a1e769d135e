package io.hookline.gateway.webhook;

import io.hookline.gateway.web.Problems;
import io.hookline.schemas.filter.EventFilter;
import io.hookline.schemas.filter.FilterProblem;
import io.hookline.schemas.filter.InvalidFilterException;
import io.hookline.schemas.headers.CustomHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads a webhook body's {@code filter} and {@code headers}, with the rules of {@link EventFilter} and {@link CustomHeaders}. */
final class FilterAndHeaders {

    private FilterAndHeaders() {
    }

    /** The filter as it is stored (compact JSON); null for none (absent or JSON null). */
    static String filter(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        EventFilter filter = compile(node, "filter", problems);
        return filter == null ? null : filter.json();
    }

    /** The compiled filter, or null with the problems added. */
    static EventFilter compile(JsonNode node, String field, Problems problems) {
        try {
            return EventFilter.parse(node, field);
        } catch (InvalidFilterException e) {
            for (FilterProblem problem : e.problems()) {
                problems.add(problem.field(), problem.problem());
            }
            return null;
        }
    }

    /** The custom headers; empty for none (absent, JSON null or {}). */
    static Map<String, String> headers(JsonNode node, Problems problems) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            problems.add("headers", "must be an object of header names to values, such as {\"X-Team\": \"payments\"}");
            return headers;
        }
        for (Map.Entry<String, JsonNode> header : node.properties()) {
            if (!header.getValue().isString()) {
                problems.add("headers." + header.getKey(), "must be a string");
            } else {
                headers.put(header.getKey(), header.getValue().stringValue());
            }
        }
        for (CustomHeaders.Problem problem : CustomHeaders.problems(headers)) {
            problems.add(problem.field(), problem.problem());
        }
        return headers;
    }
}
