package io.hookline.router.errors;

import io.hookline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds the records of {@code hookline.events.dlq}: the original key, value and headers, plus
 * {@link Topics#DLQ_REASON_HEADER} saying in plain words why the record was not routed.
 */
public final class DeadLetters {

    /** Reasons longer than this are cut: a header is for a person to read, not for a stack trace. */
    static final int MAX_REASON_CHARS = 1_000;

    private DeadLetters() {
    }

    /** A copy of the headers with the reason added (the originals stay untouched). */
    public static Headers withReason(Headers original, String reason) {
        Headers headers = original == null ? new RecordHeaders() : new RecordHeaders(original.toArray());
        headers.add(Topics.DLQ_REASON_HEADER, truncate(reason).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The dead letter of the source record an error handler is looking at. */
    static ProducerRecord<byte[], byte[]> of(ErrorHandlerContext context, String reason) {
        return new ProducerRecord<>(Topics.EVENTS_DLQ.name(), null, context.timestamp() < 0 ? null : context.timestamp(),
                context.sourceRawKey(), context.sourceRawValue(), withReason(context.headers(), reason));
    }

    /** Where a record came from, for reasons and logs. */
    static String origin(ErrorHandlerContext context) {
        return context.topic() + "-" + context.partition() + "@" + context.offset();
    }

    /** The exception's class and message, which is what a reader of the reason header needs. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            text.append(": ").append(e.getMessage());
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null) {
            text.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
        }
        return text.toString();
    }

    private static String truncate(String reason) {
        String text = reason == null ? "unknown reason" : reason;
        return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS - 1) + "…";
    }
}
