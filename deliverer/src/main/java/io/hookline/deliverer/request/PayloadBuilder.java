package io.hookline.deliverer.request;

import io.hookline.schemas.avro.DeliveryTask;
import java.time.format.DateTimeFormatter;

/**
 * Builds the body receivers get: compact JSON with the keys in the order of API.md, so that a
 * receiver which re-serializes the parsed body compactly signs the same bytes.
 */
final class PayloadBuilder {

    private PayloadBuilder() {
    }

    static String body(DeliveryTask task) {
        StringBuilder json = new StringBuilder(task.getData().length() + 256);
        json.append("{\"event\":");
        string(json, task.getEventType());
        json.append(",\"timestamp\":");
        // ISO_INSTANT prints UTC with a 'Z' and fractional seconds only when they are non-zero.
        string(json, DateTimeFormatter.ISO_INSTANT.format(task.getEventTimestamp()));
        json.append(",\"webhook_id\":");
        string(json, task.getWebhookId());
        json.append(",\"delivery_id\":");
        string(json, task.getDeliveryId());
        json.append(",\"tenant_id\":");
        string(json, task.getTenantId());
        // data is already compact JSON (the router wrote it so); it is inserted as is.
        json.append(",\"data\":").append(task.getData()).append('}');
        return json.toString();
    }

    /** Appends a JSON string literal (RFC 8259: quote, backslash and control characters escaped). */
    static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
