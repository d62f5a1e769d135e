package io.hookline.schemas.delivery;

import io.hookline.schemas.avro.DeliveryTask;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The body receivers get, written and read in one place: compact JSON with the keys in the order of API.md
 * ({@code event, timestamp, webhook_id, delivery_id, tenant_id, data}), so that a receiver which re-serializes the
 * parsed body compactly signs the same bytes. The readers rely on that shape, which only {@link #write} makes:
 * {@code data} is last and inserted as is, and the string values before it are escaped, so a {@code ,"data":}
 * or a {@code ,"timestamp":"} cannot occur inside them and the first occurrence is the key.
 */
public final class DeliveryBody {

    private static final String DATA = ",\"data\":";
    private static final String TIMESTAMP = ",\"timestamp\":\"";

    private DeliveryBody() {
    }

    /** The body of a task's POST. */
    public static String write(DeliveryTask task) {
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
        json.append(DATA).append(task.getData()).append('}');
        return json.toString();
    }

    /**
     * The {@code data} of a written body, byte for byte.
     *
     * @throws IllegalArgumentException when the body is not one {@link #write} made
     */
    public static String data(String body) {
        int start = body.indexOf(DATA);
        if (start < 0 || !body.endsWith("}")) {
            throw new IllegalArgumentException("not a Hookline delivery body");
        }
        return body.substring(start + DATA.length(), body.length() - 1);
    }

    /**
     * The event's {@code timestamp} in a written body.
     *
     * @throws IllegalArgumentException when the body is not one {@link #write} made
     */
    public static Instant timestamp(String body) {
        int start = body.indexOf(TIMESTAMP);
        int end = start < 0 ? -1 : body.indexOf('"', start + TIMESTAMP.length());
        if (end < 0) {
            throw new IllegalArgumentException("not a Hookline delivery body");
        }
        try {
            return Instant.parse(body.substring(start + TIMESTAMP.length(), end));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a Hookline delivery body", e);
        }
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
