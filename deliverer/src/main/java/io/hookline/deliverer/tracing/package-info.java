/**
 * Tracing of deliveries: a W3C trace context received with an event travels to the receiver, and,
 * when spans are exported, every attempt is a span of that trace.
 *
 * <h2>How the context travels</h2>
 * The gateway puts the {@code traceparent} and {@code tracestate} of {@code POST /v4/events} in the
 * headers of each event's record on {@code hookline.events}, where a producer writing to Kafka puts
 * its own. The router copies them into the fields of the same names of each delivery task. The task's
 * value, not its record's headers, carries them from there: every path that rewrites a task (the next
 * attempt to {@code hookline.delivery-retries}, {@code .later}, a FIFO webhook's parked tasks, the
 * return to {@code hookline.deliveries}) copies the value, so a retry is in the event's trace without
 * each of those producers having to copy headers. Values are checked where they enter
 * ({@link io.hookline.schemas.trace.TraceContext}); a {@code traceparent} that is not one is dropped,
 * never an error, and the event is delivered untraced.
 *
 * <h2>Off: the default, and free</h2>
 * Without {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) there is
 * no SDK, no exporter thread and no span: {@link io.hookline.deliverer.tracing.AttemptTracing#OFF}
 * copies the task's {@code traceparent}/{@code tracestate} into the request unchanged, so the receiver
 * can join the producer's trace. That copy is all an attempt costs.
 *
 * <h2>On: one CLIENT span per attempt</h2>
 * With an endpoint set, the SDK is configured by OpenTelemetry's autoconfigure from the standard
 * {@code OTEL_*} variables (service name {@code hookline-deliverer} unless {@code OTEL_SERVICE_NAME}
 * says otherwise; OTLP over HTTP/protobuf through the JDK's HTTP client; no metrics or logs
 * exporter). Each attempt is a span named {@code POST}, a child of the event's context (a root when
 * the event had none), with the delivery id, webhook id, event id and type, attempt number and
 * trigger, the response code and {@code hookline.attempt.status} ({@code succeeded} or
 * {@code failed}; error status on failure). The request carries the span's own {@code traceparent},
 * and the delivery log records the headers as sent. Retries are siblings under the event's context.
 * The URL is not an attribute (webhook URLs may carry tokens in their query); its host is. Skipped
 * deliveries and tasks that cannot be signed send nothing and have no span. The gateway and router
 * make no spans: the attempt's parent is the producer's span, which is what a producer wants to see.
 */
package io.hookline.deliverer.tracing;
