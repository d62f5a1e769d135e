package io.hookline.deliverer.tracing;

import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.trace.TraceContext;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;

/**
 * Tracing off: the event's context goes to the receiver as it came, checked again because tasks come
 * from a topic others can write, and a header value must not split the request.
 */
final class Untraced implements AttemptTracing {

    @Override
    public AttemptSpan start(DeliveryTask task, Map<String, String> headers) {
        String traceparent = task.getTraceparent();
        if (traceparent != null && TraceContext.validTraceparent(traceparent)) {
            headers.put(TraceContext.TRACEPARENT, traceparent);
            String tracestate = task.getTracestate();
            if (tracestate != null && TraceContext.validTracestate(tracestate)) {
                headers.put(TraceContext.TRACESTATE, tracestate);
            }
        }
        return AttemptSpan.NONE;
    }

    @Override
    public OpenTelemetry openTelemetry() {
        return OpenTelemetry.noop();
    }

    @Override
    public void close() {
    }
}
