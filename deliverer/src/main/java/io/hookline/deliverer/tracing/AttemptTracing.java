package io.hookline.deliverer.tracing;

import io.hookline.schemas.avro.DeliveryTask;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Map;

/** Starts each attempt's span and gives the request the trace context it sends (see the package docs). */
public sealed interface AttemptTracing extends AutoCloseable permits Untraced, Traced {

    /** No SDK: the event's trace context is sent on unchanged. */
    AttemptTracing OFF = new Untraced();

    /**
     * Starts the attempt's span, if any, and puts the {@code traceparent} and {@code tracestate} the
     * request is to carry into its headers.
     */
    AttemptSpan start(DeliveryTask task, Map<String, String> headers);

    /** The OpenTelemetry the spans come from; the no-op one when tracing is off. */
    OpenTelemetry openTelemetry();

    /**
     * Tracing as the standard variables ask: off unless an OTLP endpoint is set (and the SDK is not
     * disabled), else an SDK configured from every {@code OTEL_*} variable, closed by {@link #close()}.
     */
    static AttemptTracing fromEnvironment(Map<String, String> environment) {
        if ("true".equalsIgnoreCase(environment.get("OTEL_SDK_DISABLED"))
                || (blank(environment.get("OTEL_EXPORTER_OTLP_ENDPOINT")) && blank(environment.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")))) {
            return OFF;
        }
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.service.name", "hookline-deliverer");
        defaults.put("otel.metrics.exporter", "none");
        defaults.put("otel.logs.exporter", "none");
        // the Java SDK's default is gRPC, whose senders are not shipped; HTTP (port 4318) is what the spec recommends
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        // the variables the switch above read, so a caller's map (not only the process's) decides the endpoint
        copy(environment, "OTEL_EXPORTER_OTLP_ENDPOINT", "otel.exporter.otlp.endpoint", defaults);
        copy(environment, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "otel.exporter.otlp.traces.endpoint", defaults);
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                .disableShutdownHook() // closed with the application, after the last attempt
                .build()
                .getOpenTelemetrySdk();
        return new Traced(sdk, sdk);
    }

    /** Spans from an OpenTelemetry its owner configured (an embedding application, a test); not closed here. */
    static AttemptTracing using(OpenTelemetry openTelemetry) {
        return new Traced(openTelemetry, null);
    }

    /** Flushes and stops the exporter this tracing started, if any. */
    @Override
    void close();

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void copy(Map<String, String> environment, String variable, String property, Map<String, String> into) {
        String value = environment.get(variable);
        if (!blank(value)) {
            into.put(property, value);
        }
    }
}
