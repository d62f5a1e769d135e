package io.hookline.schemas.filter;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * A dotted path into an event: {@code type}, {@code tenant_id}, {@code data} or {@code data.a.b};
 * a segment of digits indexes an array ({@code data.items.0.sku}).
 */
record FilterPath(String text, List<String> segments) {

    static final String TYPE = "type";
    static final String TENANT_ID = "tenant_id";
    static final String DATA = "data";

    static FilterPath of(String text) {
        return new FilterPath(text, List.of(text.split("\\.", -1)));
    }

    /** Why this path cannot be used, or null. */
    String problem() {
        String root = segments.get(0);
        if (segments.stream().anyMatch(String::isEmpty)) {
            return "is not a path: segments are separated by single dots, such as data.customer.country";
        }
        if (!root.equals(TYPE) && !root.equals(TENANT_ID) && !root.equals(DATA)) {
            return "is not a path of an event: a path starts with type, tenant_id or data";
        }
        if (!root.equals(DATA) && segments.size() > 1) {
            return root + " is a string and has no fields";
        }
        return null;
    }

    /** The value at this path, or null when the event has none there. */
    JsonNode resolve(FilterEvent event) {
        String root = segments.get(0);
        if (root.equals(TYPE)) {
            return event.type() == null ? null : StringNode.valueOf(event.type());
        }
        if (root.equals(TENANT_ID)) {
            return event.tenantId() == null ? null : StringNode.valueOf(event.tenantId());
        }
        JsonNode node = event.data();
        for (int i = 1; i < segments.size() && node != null; i++) {
            node = step(node, segments.get(i));
        }
        return node == null || node.isMissingNode() ? null : node;
    }

    private static JsonNode step(JsonNode node, String segment) {
        if (node.isObject()) {
            return node.get(segment);
        }
        if (node.isArray() && isIndex(segment)) {
            return node.get(Integer.parseInt(segment));
        }
        return null;
    }

    private static boolean isIndex(String segment) {
        return segment.length() <= 9 && segment.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
