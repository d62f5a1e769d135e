package io.hookline.router.errors;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the router running when one output record can never be written: a delivery too large for
 * the topic, or one that cannot be serialized. The event that produced it goes to the dead-letter
 * topic with the reason. Every other send error keeps Streams' default (retry what is retriable,
 * fail on the rest), because those are about the cluster, not the record.
 */
public final class DeadLetterProductionHandler extends DefaultProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RecordTooLargeException) {
            return deadLetter(context, "a record for " + record.topic() + " is too large to write: "
                    + DeadLetters.describe(exception));
        }
        return super.handleError(context, record, exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        return deadLetter(context, "a record for " + record.topic() + " cannot be serialized (" + origin + "): "
                + DeadLetters.describe(exception));
    }

    private static Response deadLetter(ErrorHandlerContext context, String reason) {
        String full = reason + "; source record " + DeadLetters.origin(context);
        log.error("Dead-lettering a record: {}", full);
        if (context.sourceRawKey() == null && context.sourceRawValue() == null) {
            return Response.resume();
        }
        return Response.resume(List.of(DeadLetters.of(context, full)));
    }
}
