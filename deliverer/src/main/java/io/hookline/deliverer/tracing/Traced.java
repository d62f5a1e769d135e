package io.hookline.deliverer.tracing;

import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.states.AttemptStatus;
import io.hookline.schemas.trace.TraceContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Tracing on: one CLIENT span per attempt, a child of the event's context; the request carries the span's. */
final class Traced implements AttemptTracing {

    static final AttributeKey<String> DELIVERY_ID = AttributeKey.stringKey("hookline.delivery.id");
    static final AttributeKey<String> WEBHOOK_ID = AttributeKey.stringKey("hookline.webhook.id");
    static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("hookline.event.id");
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("hookline.event.type");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("hookline.attempt");
    static final AttributeKey<String> TRIGGER = AttributeKey.stringKey("hookline.trigger");
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("hookline.attempt.status");
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> SERVER = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> RESPONSE_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    // W3C whatever OTEL_PROPAGATORS says: API.md promises receivers a traceparent
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<DeliveryTask> TASK = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(DeliveryTask task) {
            return List.of(TraceContext.TRACEPARENT, TraceContext.TRACESTATE);
        }

        @Override
        public String get(DeliveryTask task, String key) {
            if (task == null) {
                return null;
            }
            return TraceContext.TRACEPARENT.equals(key) ? task.getTraceparent()
                    : TraceContext.TRACESTATE.equals(key) ? task.getTracestate() : null;
        }
    };

    private final OpenTelemetry openTelemetry;
    private final OpenTelemetrySdk owned;
    private final Tracer tracer;

    /** @param owned the SDK to close with this tracing, or null when its owner closes it */
    Traced(OpenTelemetry openTelemetry, OpenTelemetrySdk owned) {
        this.openTelemetry = openTelemetry;
        this.owned = owned;
        this.tracer = openTelemetry.getTracer("io.hookline.deliverer");
    }

    @Override
    public AttemptSpan start(DeliveryTask task, Map<String, String> headers) {
        Context parent = task.getTraceparent() == null ? Context.root() : W3C.extract(Context.root(), task, TASK);
        Span span = tracer.spanBuilder("POST")
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent)
                .setAttribute(DELIVERY_ID, task.getDeliveryId())
                .setAttribute(WEBHOOK_ID, task.getWebhookId())
                .setAttribute(EVENT_ID, task.getEventId())
                .setAttribute(EVENT_TYPE, task.getEventType())
                .setAttribute(ATTEMPT, (long) task.getAttempt())
                .setAttribute(TRIGGER, task.getTrigger().name())
                .setAttribute(METHOD, "POST")
                .startSpan();
        String host = host(task.getUrl());
        if (host != null) {
            span.setAttribute(SERVER, host);
        }
        W3C.inject(parent.with(span), headers, (carrier, key, value) -> carrier.put(key, value));
        return (responseCode, failure) -> {
            if (responseCode > 0) {
                span.setAttribute(RESPONSE_CODE, (long) responseCode);
            }
            if (failure == null) {
                span.setAttribute(STATUS, AttemptStatus.SUCCEEDED.wire());
            } else {
                span.setAttribute(STATUS, AttemptStatus.FAILED.wire());
                span.setAttribute(ERROR_TYPE, responseCode > 0 ? Integer.toString(responseCode) : "_OTHER");
                span.setStatus(StatusCode.ERROR, failure);
            }
            span.end();
        };
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null; // the sender refuses it; the span still says which delivery it was
        }
    }

    @Override
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
