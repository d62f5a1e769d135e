package io.hookline.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.SharedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code hookline log} against a real broker, its output checked line by line. */
class LogCommandIT {

    static final Instant T0 = Instant.parse("2026-03-28T10:00:00Z");
    static final String WEBHOOK = "wh_log_" + UUID.randomUUID().toString().replace("-", "");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void writeAttempts() throws Exception {
        // one attempt a minute from 10:00 to 10:09, every third one failed; one for another webhook
        try (KafkaProducer<String, DeliveryAttempt> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedKafka.bootstrapServers()), new StringSerializer(),
                Topics.DELIVERY_LOG.valueSerde().serializer())) {
            for (int i = 0; i < 10; i++) {
                DeliveryAttempt a = attempt(WEBHOOK, "dlv_" + i, T0.plusSeconds(60L * i), i % 3 == 0 ? "failed" : "succeeded",
                        i % 2 == 0 ? "acronym.created" : "user.created");
                producer.send(new ProducerRecord<>(Topics.DELIVERY_LOG.name(), null, a.getAttemptedAt().toEpochMilli() + 50,
                        WEBHOOK, a)).get();
            }
            DeliveryAttempt other = attempt("wh_other_" + UUID.randomUUID(), "dlv_x", T0.plusSeconds(30), "succeeded", "acronym.created");
            producer.send(new ProducerRecord<>(Topics.DELIVERY_LOG.name(), null, other.getAttemptedAt().toEpochMilli(),
                    other.getWebhookId(), other)).get();
        }
    }

    @Test
    void shouldPrintTheWindowsAttemptsOfAWebhookAsJsonLines() {
        List<String> lines = run("--from", "2026-03-28T10:02:00Z", "--to", "2026-03-28T10:07:00Z", "--webhook", WEBHOOK);

        assertThat(lines).hasSize(5);
        assertThat(lines.stream().map(l -> json(l).path("deliveryId").asString()))
                .containsExactly("dlv_2", "dlv_3", "dlv_4", "dlv_5", "dlv_6");
        JsonNode first = json(lines.get(0));
        assertThat(first.path("attemptedAt").asString()).isEqualTo("2026-03-28T10:02:00Z");
        assertThat(first.path("webhookId").asString()).isEqualTo(WEBHOOK);
        assertThat(first.path("status").asString()).isEqualTo("succeeded");
        assertThat(first.path("responseCode").asInt()).isEqualTo(200);
        assertThat(first.path("requestHeaders").path("webhook-id").asString()).isEqualTo("dlv_2");
    }

    @Test
    void shouldFilterByStatusAndEvent() {
        List<String> lines = run("--from", "2026-03-28T10:00:00Z", "--to", "2026-03-28T11:00:00Z", "--webhook", WEBHOOK,
                "--status", "failed", "--event", "acronym.created");

        assertThat(lines.stream().map(l -> json(l).path("deliveryId").asString())).containsExactly("dlv_0", "dlv_6");
    }

    @Test
    void shouldPrintCsvWithAHeaderAndQuotedFields() {
        List<String> lines = run("--from", "2026-03-28T10:03:00Z", "--to", "2026-03-28T10:04:00Z", "--webhook", WEBHOOK,
                "--format", "csv");

        assertThat(lines).containsExactly(String.join(",", LogCommand.CSV_COLUMNS),
                "2026-03-28T10:03:00Z,att_3,dlv_3,%s,default,evt_3,user.created,1,scheduled,failed,500,12,https://example.com/hook,\"HTTP 500, \"\"boom\"\"\",".formatted(WEBHOOK));
    }

    @Test
    void shouldRefuseAWindowWithoutAStart() {
        assertThatThrownBy(() -> run("--webhook", WEBHOOK)).isInstanceOf(CliException.class).hasMessageContaining("--from is required");
        assertThatThrownBy(() -> run("--from", "yesterday")).hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> run("--from", "2026-03-28T10:00:00Z", "--format", "xml")).hasMessageContaining("jsonl or csv");
    }

    static List<String> run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = SharedKafka.bootstrapServers();
        new LogCommand(Clock.fixed(Instant.parse("2026-03-29T00:00:00Z"), ZoneOffset.UTC),
                new PrintStream(out, true, StandardCharsets.UTF_8)).run(all);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    static JsonNode json(String line) {
        return JSON.readTree(line);
    }

    static DeliveryAttempt attempt(String webhookId, String deliveryId, Instant at, String status, String eventType) {
        boolean failed = status.equals("failed");
        String n = deliveryId.substring(4);
        return DeliveryAttempt.newBuilder()
                .setAttemptId("att_" + n).setDeliveryId(deliveryId).setWebhookId(webhookId).setTenantId("default")
                .setEventId("evt_" + n).setEventType(eventType).setAttempt(1).setTrigger("scheduled").setStatus(status)
                .setAttemptedAt(at).setDurationMs(12).setUrl("https://example.com/hook")
                .setRequestHeaders(Map.of("webhook-id", deliveryId))
                .setRequestBody("{\"event\":\"" + eventType + "\",\"timestamp\":\"2026-03-28T09:00:00Z\",\"webhook_id\":\""
                        + webhookId + "\",\"delivery_id\":\"" + deliveryId + "\",\"tenant_id\":\"default\",\"data\":{\"n\":1.50}}")
                .setResponseCode(failed ? 500 : 200).setResponseHeaders(Map.of()).setResponseBody(failed ? "boom" : "ok")
                .setError(failed ? "HTTP 500, \"boom\"" : null)
                .build();
    }
}
