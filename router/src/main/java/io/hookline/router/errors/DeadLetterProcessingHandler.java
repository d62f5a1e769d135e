package io.hookline.router.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backstop for an exception that escapes a processor (the processors dead-letter bad input
 * themselves, so this is for the unexpected): the source record goes to the dead-letter topic with
 * the reason and the router carries on, rather than stopping every partition of the task.
 * Streams itself rethrows its own fatal exceptions (task migrated, corrupted) without asking.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String reason = "processing failed in " + context.processorNodeId() + " for the record at "
                + DeadLetters.origin(context) + ": " + DeadLetters.describe(exception);
        log.error("Dead-lettering a record: {}", reason, exception);
        if (record == null) {
            // a punctuation, not a record: nothing to dead-letter
            return Response.resume();
        }
        return Response.resume(List.of(DeadLetters.of(context, reason)));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: the dead-letter topic is the catalog's
    }
}
