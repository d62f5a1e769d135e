package io.hookline.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.schemas.delivery.DeliveryBody;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.topics.Topics;
import io.hookline.standalone.HooklineClient;
import io.hookline.standalone.Standalone;
import io.hookline.standalone.StandaloneIT;
import io.hookline.testsupport.ReceivedRequest;
import io.hookline.testsupport.TestKafka;
import io.hookline.testsupport.TestReceiver;
import io.hookline.testsupport.openapi.ContractFilters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code hookline replay} end to end: a failed delivery is re-delivered with the same id once the receiver recovers. */
class ReplayCommandIT {

    @TempDir
    Path data;

    @Test
    void shouldRedeliverAFailedDeliveryWithTheSameIdAndTriggerManual() throws Exception {
        try (TestReceiver receiver = TestReceiver.https();
                Standalone hookline = Standalone.start(Map.of("hookline.data-dir", data.toString(), "server.port", "0",
                        "hookline.embedded-kafka.port", "0", "hookline.delivery.allowed-cidrs", "127.0.0.0/8",
                        "hookline.delivery.extra-ca-certs", receiver.caCertificatePem().toString()))) {
            // given a delivery that failed because the receiver answered 500 (after the webhook was verified)
            String path = "/hooks/" + UUID.randomUUID();
            String key = Files.readString(data.resolve("owner.key")).trim();
            String webhookId = post(hookline, key, "/v4/webhooks", "{\"url\": \"" + receiver.url(path)
                    + "\", \"events\": [\"*\"]}").path("data").path("id").asString();
            receiver.respondWith(path, 500, "down for maintenance");
            Instant before = Instant.now().minusSeconds(5);
            post(hookline, key, "/v4/events", "{\"type\": \"category.deleted\", \"data\": {\"category\": "
                    + "{\"id\": \"cat_1\", \"name\": \"Old\", \"deleted_by\": \"user_1\"}, \"n\": 1.50}}");
            String deliveryId = StandaloneIT.awaitRequest(receiver, path, "category.deleted").header("webhook-id");
            awaitAttempt(hookline, deliveryId, "failed");

            // when the receiver recovers and the failed deliveries of the window are replayed (a dry run first)
            receiver.respondWith(path, 200, "ok");
            String[] args = {"--from", before.toString(), "--webhook", webhookId, "--status", "failed",
                    "--bootstrap-servers", hookline.bootstrapServers()};
            ReplayCommand.Summary dry = replay(args, "--dry-run");
            ReplayCommand.Summary summary = replay(args);

            // then the receiver gets the same delivery again, with the same id and the same data bytes
            assertThat(dry.matched()).isEqualTo(1);
            assertThat(dry.queued()).isZero();
            assertThat(summary.matched()).isEqualTo(1);
            assertThat(summary.queued()).isEqualTo(1);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> StandaloneIT.requests(receiver, path, "category.deleted").size() >= 2);
            List<ReceivedRequest> requests = StandaloneIT.requests(receiver, path, "category.deleted");
            assertThat(requests).hasSize(2);
            assertThat(requests.get(1).header("webhook-id")).isEqualTo(deliveryId);
            assertThat(DeliveryBody.data(requests.get(1).body())).isEqualTo(DeliveryBody.data(requests.get(0).body()));
            DeliveryAttempt second = awaitAttempt(hookline, deliveryId, "succeeded");
            assertThat(second.getTrigger().name()).isEqualTo("manual");
            assertThat(second.getAttempt()).isEqualTo(2);

            // and the re-delivery (not the dry run) is on the team's audit log, by the CLI, as the API's redeliver records it
            List<JsonNode> redelivered = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> redeliveries(get(hookline, key, "/v4/audit-log?resource=" + webhookId)), found -> !found.isEmpty());
            assertThat(redelivered).hasSize(1);
            JsonNode entry = redelivered.get(0);
            assertThat(entry.path("action").asString()).isEqualTo("redeliver");
            assertThat(entry.path("actor").path("type").asString()).isEqualTo("system");
            assertThat(entry.path("actor").path("id").asString()).isEqualTo("cli");
            assertThat(entry.path("actor").path("via").asString()).isEqualTo("command");
            assertThat(entry.path("reason").asString()).startsWith("hookline replay --from ");
            assertThat(entry.path("after").path("deliveryId").asString()).isEqualTo(deliveryId);
            assertThat(entry.path("after").path("attempt").asInt()).isEqualTo(2);
        }
    }

    @Test
    void shouldRefuseAWindowOverFourteenDaysWithoutForce() {
        ReplayCommand command = new ReplayCommand(Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream()));

        assertThatThrownBy(() -> command.run(new String[] {"--from", "2026-01-01T00:00:00Z", "--to", "2026-01-16T00:00:00Z"}))
                .isInstanceOf(CliException.class).hasMessageContaining("14 days").hasMessageContaining("--force");
    }

    private static ReplayCommand.Summary replay(String[] args, String... more) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more)).toArray(String[]::new);
        return new ReplayCommand(Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(all);
    }

    private static DeliveryAttempt awaitAttempt(Standalone hookline, String deliveryId, String status) {
        List<ConsumerRecord<String, DeliveryAttempt>> log = TestKafka.consumeUntil(hookline.bootstrapServers(), Topics.DELIVERY_LOG,
                "it-" + UUID.randomUUID(), records -> records.stream().anyMatch(r -> r.value().getDeliveryId().equals(deliveryId)
                        && r.value().getStatus().name().equals(status)), Duration.ofSeconds(30));
        return log.stream().map(ConsumerRecord::value)
                .filter(a -> a.getDeliveryId().equals(deliveryId) && a.getStatus().name().equals(status)).findFirst().orElseThrow();
    }

    private static List<JsonNode> redeliveries(JsonNode page) {
        return page.path("data").valueStream().filter(e -> e.path("action").asString().equals("redeliver")).toList();
    }

    private static JsonNode get(Standalone hookline, String key, String path) throws Exception {
        HttpResponse<String> response = ContractFilters.checked(HooklineClient.CONTRACT, HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(hookline.baseUrl() + path)).header("Authorization", "Bearer " + key).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }

    private static tools.jackson.databind.JsonNode post(Standalone hookline, String key, String path, String json) throws Exception {
        HttpResponse<String> response = ContractFilters.checked(HooklineClient.CONTRACT, HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(hookline.baseUrl() + path))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()));
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JsonMapper.builder().build().readTree(response.body());
    }
}
