package io.hookline.schemas.trace;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A W3C Trace Context (the {@code traceparent} and {@code tracestate} headers) as it travels with an
 * event: from {@code POST /v4/events} or a Kafka record's headers on {@code hookline.events}, through
 * the delivery task, to the outbound POST. Values are checked, never rewritten: a receiver gets what
 * the producer sent, or nothing when what it sent is not a trace context.
 *
 * @param traceparent a valid {@code traceparent}
 * @param tracestate  the {@code tracestate} that came with it, or null
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** W3C: a tracestate of up to 512 characters must be propagated; longer ones may be dropped, and are. */
    public static final int MAX_TRACESTATE = 512;

    private static final int VERSION_00_LENGTH = 55;

    public TraceContext {
        if (!validTraceparent(traceparent)) {
            throw new IllegalArgumentException("not a W3C traceparent: " + traceparent);
        }
        if (tracestate != null && !validTracestate(tracestate)) {
            throw new IllegalArgumentException("not a W3C tracestate");
        }
    }

    /**
     * The context of these header values, if {@code traceparent} is one; a {@code tracestate} that is not
     * valid is dropped (W3C: a vendor that cannot parse tracestate must not propagate it), and one without a
     * valid {@code traceparent} means nothing.
     */
    public static Optional<TraceContext> of(String traceparent, String tracestate) {
        if (!validTraceparent(traceparent)) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(traceparent, validTracestate(tracestate) ? tracestate : null));
    }

    /** The context in a Kafka record's headers (the last value of each name, as Kafka clients read one). */
    public static Optional<TraceContext> of(Headers headers) {
        Header traceparent = headers.lastHeader(TRACEPARENT);
        if (traceparent == null || traceparent.value() == null) {
            return Optional.empty();
        }
        Header tracestate = headers.lastHeader(TRACESTATE);
        return of(new String(traceparent.value(), StandardCharsets.US_ASCII),
                tracestate == null || tracestate.value() == null ? null : new String(tracestate.value(), StandardCharsets.US_ASCII));
    }

    /** Adds this context to a Kafka record's headers. */
    public void addTo(Headers headers) {
        headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII));
        if (tracestate != null) {
            headers.add(TRACESTATE, tracestate.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * {@code version-traceid-parentid-flags} in lower-case hex: version not {@code ff}, ids not all zeros.
     * Version {@code 00} is exactly 55 characters; a later version may append {@code -…} fields, which
     * are kept (W3C: parse what version 00 defines, pass on the rest).
     */
    public static boolean validTraceparent(String value) {
        if (value == null || value.length() < VERSION_00_LENGTH) {
            return false;
        }
        if (!hex(value, 0, 2) || value.startsWith("ff") || value.charAt(2) != '-' || !hex(value, 3, 35) || value.charAt(35) != '-'
                || !hex(value, 36, 52) || value.charAt(52) != '-' || !hex(value, 53, 55)) {
            return false;
        }
        if (zeros(value, 3, 35) || zeros(value, 36, 52)) {
            return false;
        }
        if (value.startsWith("00")) {
            return value.length() == VERSION_00_LENGTH;
        }
        return value.length() == VERSION_00_LENGTH || (value.charAt(VERSION_00_LENGTH) == '-' && printable(value));
    }

    /** Printable ASCII (so it can be one header line) of at most {@link #MAX_TRACESTATE} characters. */
    public static boolean validTracestate(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_TRACESTATE && printable(value);
    }

    private static boolean hex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
