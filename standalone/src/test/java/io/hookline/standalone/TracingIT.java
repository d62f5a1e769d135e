package io.hookline.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.ReceivedRequest;
import io.hookline.testsupport.TestReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.GenericApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A W3C trace context from the producer to the receiver, through the real gateway, broker, router and
 * deliverer, with the deliverer's spans exported to memory instead of over OTLP.
 */
class TracingIT {

    private static final AttributeKey<String> DELIVERY_ID = AttributeKey.stringKey("hookline.delivery.id");
    private static final AttributeKey<Long> RESPONSE_CODE = AttributeKey.longKey("http.response.status_code");

    @TempDir
    static Path data;

    static final InMemorySpanExporter exported = InMemorySpanExporter.create();
    static OpenTelemetrySdk sdk;
    static TestReceiver receiver;
    static Standalone hookline;
    static HooklineClient client;

    @BeforeAll
    static void start() throws Exception {
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
                .build();
        receiver = TestReceiver.https();
        hookline = Standalone.start(StandaloneIT.testProperties(data, receiver),
                context -> ((GenericApplicationContext) context).registerBean(OpenTelemetry.class, () -> sdk));
        client = new HooklineClient(hookline.baseUrl(), Files.readString(data.resolve("owner.key")).trim());
    }

    @AfterAll
    static void stop() {
        hookline.close();
        receiver.close();
        sdk.close();
    }

    @Test
    void shouldSendAPostedEventsTraceToTheReceiverAsTheChildSpanOfItsAttempt() {
        // given a webhook, and a producer in a trace
        String path = "/hooks/" + UUID.randomUUID();
        webhook(path, "acronym.created");
        String traceId = random(32);
        String callerSpanId = random(16);

        // when it posts an event with its traceparent
        HooklineClient.Response accepted = client.send("POST", "/v4/events", "{\"type\": \"acronym.created\", \"data\": "
                + sample("acronym.created") + "}",
                "traceparent", "00-" + traceId + "-" + callerSpanId + "-01", "tracestate", "rojo=00f067aa0ba902b7");
        assertThat(accepted.status()).isEqualTo(202);

        // then the receiver's traceparent is the attempt span's, in the caller's trace, and that span is the caller's child
        ReceivedRequest request = StandaloneIT.awaitRequest(receiver, path, "acronym.created");
        SpanData attempt = awaitSpan(request.header("webhook-id"));
        assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(attempt.getTraceId()).isEqualTo(traceId);
        assertThat(attempt.getParentSpanId()).isEqualTo(callerSpanId);
        assertThat(attempt.getAttributes().get(RESPONSE_CODE)).isEqualTo(200L);
        assertThat(request.header("traceparent")).isEqualTo("00-" + traceId + "-" + attempt.getSpanId() + "-01");
        assertThat(request.header("tracestate")).isEqualTo("rojo=00f067aa0ba902b7");
    }

    @Test
    void shouldCarryTheTraceOfAnEventWrittenStraightToKafkaInItsHeaders() throws Exception {
        // given a webhook, and a producer in a trace
        String path = "/hooks/" + UUID.randomUUID();
        webhook(path, "user.created");
        String traceId = random(32);
        String producerSpanId = random(16);

        // when it writes a JSON event to hookline.events with its traceparent as a record header
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                java.util.Map.of("bootstrap.servers", hookline.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVENTS.name(), "default",
                    ("{\"tenant_id\": \"default\", \"type\": \"user.created\", \"id\": \"evt_traced_" + UUID.randomUUID()
                            + "\", \"data\": {\"user\": {\"id\": \"user_9\"}}}").getBytes(StandardCharsets.UTF_8));
            record.headers().add("traceparent", ("00-" + traceId + "-" + producerSpanId + "-01").getBytes(StandardCharsets.US_ASCII));
            producer.send(record).get();
        }

        // then the attempt is a span of that trace, under the producer's span, and the receiver joins it
        ReceivedRequest request = StandaloneIT.awaitRequest(receiver, path, "user.created");
        SpanData attempt = awaitSpan(request.header("webhook-id"));
        assertThat(attempt.getTraceId()).isEqualTo(traceId);
        assertThat(attempt.getParentSpanId()).isEqualTo(producerSpanId);
        assertThat(request.header("traceparent")).isEqualTo("00-" + traceId + "-" + attempt.getSpanId() + "-01");
        assertThat(request.header("tracestate")).isNull();
    }

    private static void webhook(String path, String type) {
        HooklineClient.Response created = client.post("/v4/webhooks",
                "{\"url\": \"" + receiver.url(path) + "\", \"events\": [\"" + type + "\"]}");
        assertThat(created.status()).isEqualTo(201);
    }

    /** The attempt span of the delivery; the receiver may answer before the span is ended and exported. */
    private static SpanData awaitSpan(String deliveryId) {
        assertThat(deliveryId).startsWith("dlv_");
        await().atMost(Duration.ofSeconds(30)).until(() -> span(deliveryId).isPresent());
        return span(deliveryId).orElseThrow();
    }

    private static Optional<SpanData> span(String deliveryId) {
        return exported.getFinishedSpanItems().stream().filter(span -> deliveryId.equals(span.getAttributes().get(DELIVERY_ID))).findFirst();
    }

    private static String sample(String type) {
        for (JsonNode t : client.get("/v4/event-types").body().path("data")) {
            if (t.path("type").asString().equals(type)) {
                return t.path("sample").toString();
            }
        }
        throw new AssertionError("no event type " + type);
    }

    private static String random(int hexDigits) {
        return UUID.randomUUID().toString().replace("-", "").repeat(2).substring(0, hexDigits);
    }
}
