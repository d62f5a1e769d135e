package io.hookline.deliverer.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.Fixtures;
import io.hookline.schemas.avro.DeliveryTask;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AttemptTracingTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT_ID = "00f067aa0ba902b7";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .build();

    @AfterEach
    void closeSdk() {
        sdk.close();
    }

    @Test
    void shouldBeOffWithTheNoOpOpenTelemetryWhenNoEndpointIsSet() {
        // given no OTLP endpoint (or one with the SDK disabled)
        AttemptTracing unset = AttemptTracing.fromEnvironment(Map.of("OTEL_SERVICE_NAME", "mine"));
        AttemptTracing disabled = AttemptTracing.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318",
                "OTEL_SDK_DISABLED", "true"));

        // then there is no SDK at all
        assertThat(unset).isSameAs(AttemptTracing.OFF);
        assertThat(disabled).isSameAs(AttemptTracing.OFF);
        assertThat(unset.openTelemetry()).isSameAs(OpenTelemetry.noop());
    }

    @Test
    void shouldConfigureAnSdkWhenAnEndpointIsSet() {
        // when an endpoint is set (nothing is exported: no span is made)
        try (AttemptTracing tracing = AttemptTracing.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"))) {
            // then spans come from an SDK
            assertThat(tracing).isNotSameAs(AttemptTracing.OFF);
            assertThat(tracing.openTelemetry()).isInstanceOf(OpenTelemetrySdk.class);
        }
    }

    @Test
    void shouldSendTheEventsTraceContextOnUnchangedWhenOff() {
        // given a task with the event's context
        DeliveryTask task = task(TRACEPARENT, "rojo=00f067aa0ba902b7");
        Map<String, String> headers = new LinkedHashMap<>();

        // when
        AttemptSpan span = AttemptTracing.OFF.start(task, headers);

        // then
        assertThat(headers).containsExactly(Map.entry("traceparent", TRACEPARENT), Map.entry("tracestate", "rojo=00f067aa0ba902b7"));
        assertThat(span).isSameAs(AttemptSpan.NONE);
    }

    @Test
    void shouldSendNoTraceContextWhenOffAndTheTaskHasNoneOrABrokenOne() {
        Map<String, String> headers = new LinkedHashMap<>();

        AttemptTracing.OFF.start(task(null, null), headers);
        AttemptTracing.OFF.start(task(TRACEPARENT + "\r\nX-Injected: 1", "a=1"), headers);

        assertThat(headers).isEmpty();
    }

    @Test
    void shouldMakeEachAttemptAClientSpanUnderTheEventsContextAndSendItsTraceparent() {
        // given a task of an event in a trace
        DeliveryTask task = task(TRACEPARENT, "rojo=00f067aa0ba902b7");
        Map<String, String> headers = new LinkedHashMap<>();

        // when its attempt starts and ends with a 200
        AttemptSpan span = AttemptTracing.using(sdk).start(task, headers);
        span.end(200, null);

        // then one span was exported, a child of the event's, and the request carries that span's context
        SpanData attempt = exported.getFinishedSpanItems().get(0);
        assertThat(exported.getFinishedSpanItems()).hasSize(1);
        assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(attempt.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(attempt.getParentSpanId()).isEqualTo(PARENT_ID);
        assertThat(attempt.getSpanId()).isNotEqualTo(PARENT_ID);
        assertThat(headers).containsEntry("traceparent", "00-" + TRACE_ID + "-" + attempt.getSpanId() + "-01")
                .containsEntry("tracestate", "rojo=00f067aa0ba902b7");
        assertThat(attempt.getAttributes().get(Traced.DELIVERY_ID)).isEqualTo(task.getDeliveryId());
        assertThat(attempt.getAttributes().get(Traced.WEBHOOK_ID)).isEqualTo(task.getWebhookId());
        assertThat(attempt.getAttributes().get(Traced.ATTEMPT)).isEqualTo(2L);
        assertThat(attempt.getAttributes().get(Traced.RESPONSE_CODE)).isEqualTo(200L);
        assertThat(attempt.getAttributes().get(Traced.STATUS)).isEqualTo("succeeded");
        assertThat(attempt.getAttributes().get(Traced.SERVER)).isEqualTo("example.com");
        assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void shouldMarkAFailedAttemptsSpanAsAnError() {
        // when an attempt fails with a 503
        AttemptTracing.using(sdk).start(task(TRACEPARENT, null), new LinkedHashMap<>()).end(503, "HTTP 503");

        // then its span says so
        SpanData attempt = exported.getFinishedSpanItems().get(0);
        assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attempt.getStatus().getDescription()).isEqualTo("HTTP 503");
        assertThat(attempt.getAttributes().get(Traced.STATUS)).isEqualTo("failed");
        assertThat(attempt.getAttributes().get(Traced.RESPONSE_CODE)).isEqualTo(503L);
    }

    @Test
    void shouldStartATraceForAnEventThatHadNone() {
        // given a task without a trace context
        Map<String, String> headers = new LinkedHashMap<>();

        // when
        AttemptTracing.using(sdk).start(task(null, null), headers).end(0, "connection refused");

        // then the attempt's span is a root, and the receiver still gets its traceparent
        SpanData attempt = exported.getFinishedSpanItems().get(0);
        assertThat(attempt.getParentSpanContext().isValid()).isFalse();
        // (the SDK may also set W3C level 2's "random trace id" flag on a trace it starts)
        assertThat(headers.get("traceparent")).startsWith("00-" + attempt.getTraceId() + "-" + attempt.getSpanId() + "-");
        assertThat(headers).doesNotContainKey("tracestate");
    }

    private static DeliveryTask task(String traceparent, String tracestate) {
        return Fixtures.task("https://example.com/hook?token=secret", Fixtures.newSecret())
                .setAttempt(2).setTraceparent(traceparent).setTracestate(tracestate).build();
    }
}
