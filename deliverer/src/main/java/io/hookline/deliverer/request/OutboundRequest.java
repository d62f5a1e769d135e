package io.hookline.deliverer.request;

import io.hookline.deliverer.tracing.AttemptSpan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One signed POST, ready to send: the URL, the headers in the order they are sent, and the body.
 *
 * @param headers header names as sent; may include {@link #SECRET_HEADER}, which is never logged
 * @param span    the attempt's span, which the sender ends with the outcome; {@link AttemptSpan#NONE} when untraced
 */
public record OutboundRequest(String url, Map<String, String> headers, String body, AttemptSpan span) {

    /** The opt-in plaintext secret header; its value is redacted wherever the request is recorded. */
    public static final String SECRET_HEADER = "X-Webhook-Secret";

    public static final String REDACTED = "[redacted]";

    public OutboundRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** An untraced request. */
    public OutboundRequest(String url, Map<String, String> headers, String body) {
        this(url, headers, body, AttemptSpan.NONE);
    }

    /** The headers as they may be stored and shown: the plaintext secret replaced by {@link #REDACTED}. */
    public Map<String, String> redactedHeaders() {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.computeIfPresent(SECRET_HEADER, (name, value) -> REDACTED);
        return copy;
    }
}
