package io.hookline.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.standardwebhooks.Webhook;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.ReceivedRequest;
import io.hookline.testsupport.TestKafka;
import io.hookline.testsupport.TestReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The whole platform from the outside: the embedded broker, the HTTP API and a real HTTPS receiver. */
public class StandaloneIT {

    @TempDir
    static Path data;

    static TestReceiver receiver;
    static Standalone hookline;
    static HooklineClient client;

    @BeforeAll
    static void start() throws Exception {
        receiver = TestReceiver.https();
        hookline = Standalone.start(testProperties(data, receiver));
        client = new HooklineClient(hookline.baseUrl(), Files.readString(data.resolve("owner.key")).trim());
    }

    @AfterAll
    static void stop() {
        hookline.close();
        receiver.close();
    }

    static Map<String, Object> testProperties(Path data, TestReceiver receiver) {
        return Map.of("hookline.data-dir", data.toString(),
                "server.port", "0",
                "hookline.embedded-kafka.port", "0",
                "hookline.delivery.allowed-cidrs", "127.0.0.0/8",
                "hookline.delivery.extra-ca-certs", receiver.caCertificatePem().toString());
    }

    @Test
    void shouldWriteTheOwnerKeyPrivately() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("owner.key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("secrets.key")))).isEqualTo("rw-------");
    }

    @Test
    void shouldDeliverAPostedEventSignedToAnHttpsReceiver() throws Exception {
        // given a webhook on the receiver
        String path = "/hooks/" + UUID.randomUUID();
        HooklineClient.Response created = client.post("/v4/webhooks",
                "{\"url\": \"" + receiver.url(path) + "\", \"events\": [\"acronym.created\"]}");
        assertThat(created.status()).isEqualTo(201);
        String webhookId = created.body().path("data").path("id").asString();
        String secret = created.body().path("data").path("secret").asString();
        assertThat(secret).startsWith("whsec_");

        // when an event is posted
        HooklineClient.Response accepted = client.post("/v4/events", "{\"type\": \"acronym.created\", \"data\": "
                + sample("acronym.created") + ", \"timestamp\": \"2026-03-28T10:15:00Z\"}");
        assertThat(accepted.status()).isEqualTo(202);
        String eventId = accepted.body().path("data").path("accepted").get(0).asString();

        // then the receiver gets the exact body shape, signed both ways
        ReceivedRequest request = awaitRequest(path, "acronym.created");
        JsonNode body = HooklineClient.parse(request.body());
        assertThat(body.propertyNames()).containsExactly("event", "timestamp", "webhook_id", "delivery_id", "tenant_id", "data");
        assertThat(body.path("event").asString()).isEqualTo("acronym.created");
        assertThat(body.path("timestamp").asString()).isEqualTo("2026-03-28T10:15:00Z");
        assertThat(body.path("webhook_id").asString()).isEqualTo(webhookId);
        assertThat(body.path("tenant_id").asString()).isEqualTo("default");
        assertThat(body.path("data")).isEqualTo(HooklineClient.parse(sample("acronym.created")));
        String deliveryId = body.path("delivery_id").asString();
        assertThat(deliveryId).startsWith("dlv_").isEqualTo(request.header("webhook-id"));
        assertThat(request.header("content-type")).startsWith("application/json");
        assertThat(request.header("user-agent")).startsWith("Hookline/");
        assertThat(request.header("x-define-event")).isEqualTo("acronym.created");
        assertThat(request.header("x-define-webhook-id")).isEqualTo(webhookId);
        assertThat(request.header("x-define-delivery-id")).isEqualTo(deliveryId);
        assertThat(request.header("x-webhook-secret")).isNull();
        assertThatCode(() -> new Webhook(secret).verify(request.body(), Map.of(
                "webhook-id", List.of(request.header("webhook-id")),
                "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                "webhook-signature", List.of(request.header("webhook-signature"))))).doesNotThrowAnyException();
        assertThat(request.header("x-define-signature")).isEqualTo("sha256=" + hmacHex(secret, request.body()));

        // and the delivery log holds the attempt
        List<ConsumerRecord<String, DeliveryAttempt>> log = TestKafka.consumeUntil(hookline.bootstrapServers(),
                Topics.DELIVERY_LOG, "it-" + UUID.randomUUID(),
                records -> records.stream().anyMatch(r -> r.value().getDeliveryId().equals(deliveryId)), Duration.ofSeconds(30));
        DeliveryAttempt attempt = log.stream().map(ConsumerRecord::value)
                .filter(a -> a.getDeliveryId().equals(deliveryId)).findFirst().orElseThrow();
        assertThat(attempt.getStatus().name()).isEqualTo("succeeded");
        assertThat(attempt.getResponseCode()).isEqualTo(200);
        assertThat(attempt.getEventId()).isEqualTo(eventId);
        assertThat(attempt.getWebhookId()).isEqualTo(webhookId);
        assertThat(attempt.getRequestBody()).isEqualTo(request.body());
    }

    @Test
    void shouldDeliverAJsonEventWrittenStraightToKafkaAndDeadLetterGarbage() throws Exception {
        // given a webhook for every event type
        String path = "/hooks/" + UUID.randomUUID();
        assertThat(client.post("/v4/webhooks", "{\"url\": \"" + receiver.url(path) + "\", \"events\": [\"*\"]}").status())
                .isEqualTo(201);
        String garbageKey = "garbage-" + UUID.randomUUID();

        // when a producer writes garbage, then a JSON event, straight to the topic
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", hookline.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.EVENTS.name(), "default", new byte[] {0x00, 0x13, 0x37, (byte) 0xff})).get();
            producer.send(new ProducerRecord<>(Topics.EVENTS.name(), garbageKey, "not json".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.EVENTS.name(), "default", ("{\"tenant_id\": \"default\", \"type\": \"user.created\", "
                    + "\"id\": \"evt_direct_" + UUID.randomUUID() + "\", \"data\": {\"user\": {\"id\": \"user_9\"}}}")
                    .getBytes(StandardCharsets.UTF_8))).get();
        }

        // then the JSON event is delivered, and the garbage waits in the dead-letter topic with a reason
        ReceivedRequest request = awaitRequest(path, "user.created");
        assertThat(HooklineClient.parse(request.body()).path("event").asString()).isEqualTo("user.created");
        List<ConsumerRecord<String, byte[]>> dead = TestKafka.consumeUntil(hookline.bootstrapServers(), Topics.EVENTS_DLQ,
                "it-" + UUID.randomUUID(), records -> records.stream().anyMatch(r -> garbageKey.equals(r.key())), Duration.ofSeconds(30));
        ConsumerRecord<String, byte[]> garbage = dead.stream().filter(r -> garbageKey.equals(r.key())).findFirst().orElseThrow();
        assertThat(new String(garbage.value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(garbage.headers().lastHeader(Topics.DLQ_REASON_HEADER)).isNotNull();
    }

    @Test
    void shouldReportKafkaInHealth() {
        HooklineClient.Response health = client.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asString()).isEqualTo("UP");
        assertThat(health.body().path("components").propertyNames()).contains("kafka");
    }

    /** The first request of an event type to a path (creating a webhook sends it a webhook.test first). */
    public static ReceivedRequest awaitRequest(TestReceiver receiver, String path, String eventType) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !requests(receiver, path, eventType).isEmpty());
        return requests(receiver, path, eventType).get(0);
    }

    public static List<ReceivedRequest> requests(TestReceiver receiver, String path, String eventType) {
        return receiver.requests(path).stream().filter(r -> eventType.equals(r.header("x-define-event"))).toList();
    }

    private static ReceivedRequest awaitRequest(String path, String eventType) {
        return awaitRequest(receiver, path, eventType);
    }

    static String sample(String type) {
        HooklineClient.Response types = client.get("/v4/event-types");
        for (JsonNode t : types.body().path("data")) {
            if (t.path("type").asString().equals(type)) {
                return t.path("sample").toString();
            }
        }
        throw new AssertionError("No sample for " + type);
    }

    static String hmacHex(String key, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
