package io.hookline.router.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backstop for a source record Streams cannot deserialize (in practice an undecodable value on
 * {@code hookline.webhooks}; event values are raw bytes and parsed by the router itself): the record
 * goes to the dead-letter topic with the reason, and the router carries on.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String reason = "cannot deserialize the record at " + DeadLetters.origin(context) + ": " + DeadLetters.describe(exception);
        log.warn("Dead-lettering a record: {}", reason);
        return Response.resume(List.of(DeadLetters.of(context, reason)));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: the dead-letter topic is the catalog's
    }
}
