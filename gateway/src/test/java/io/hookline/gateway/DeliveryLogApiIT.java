package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.failure;
import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.AttemptStatusSymbol;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.TriggerSymbol;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** The delivery-log API over attempts written to {@code hookline.delivery-log}, as the deliverer writes them. */
class DeliveryLogApiIT extends SharedGatewayWithReceiver {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void shouldListDeliveriesNewestFirstFilteredAndPaged() throws Exception {
        // given three deliveries, the second retried to success
        String team = "team-" + UUID.randomUUID();
        String key = app.newUser(team, "member"); // members may read the log
        String admin = app.newUser(team, "admin");
        String id = webhook(admin);
        publish(attempt(id, "dlv_a", 1, "acronym.created", "succeeded", 200, T0));
        publish(attempt(id, "dlv_b", 1, "user.created", "retrying", 500, T0.plusSeconds(60)));
        publish(attempt(id, "dlv_c", 1, "acronym.created", "failed", 404, T0.plusSeconds(120)));
        publish(attempt(id, "dlv_b", 2, "user.created", "succeeded", 200, T0.plusSeconds(180)));
        String path = "/v4/webhooks/" + id + "/deliveries";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> success(get(key, path), 200).jsonPath("$.data.length()").isEqualTo(3));
        // when / then
        success(get(key, path), 200)
                .jsonPath("$.data[*].deliveryId").isEqualTo(List.of("dlv_c", "dlv_b", "dlv_a"))
                .jsonPath("$.data[1].status").isEqualTo("succeeded")
                .jsonPath("$.data[1].attempts").isEqualTo(2)
                .jsonPath("$.data[0].responseCode").isEqualTo(404)
                .jsonPath("$.data[0].responseBodyPreview").isEqualTo("x".repeat(500))
                .jsonPath("$.nextCursor").isEmpty();
        success(get(key, path + "?status=succeeded"), 200).jsonPath("$.data[*].deliveryId").isEqualTo(List.of("dlv_b", "dlv_a"));
        success(get(key, path + "?event=acronym.created"), 200).jsonPath("$.data[*].deliveryId").isEqualTo(List.of("dlv_c", "dlv_a"));
        success(get(key, path + "?from=2026-11-20T10:01:00Z&to=2026-11-20T10:01:00Z"), 200)
                .jsonPath("$.data[*].deliveryId").isEqualTo(List.of("dlv_b"));
        JsonNode first = body(success(get(key, path + "?limit=2"), 200).jsonPath("$.data[*].deliveryId").isEqualTo(List.of("dlv_c", "dlv_b")));
        success(get(key, path + "?limit=2&cursor=" + first.path("nextCursor").asString()), 200)
                .jsonPath("$.data[*].deliveryId").isEqualTo(List.of("dlv_a"))
                .jsonPath("$.nextCursor").isEmpty();
        failure(get(key, path + "?status=lost&from=yesterday"), 422, "validation_failed")
                .jsonPath("$.error.details[*].field").isEqualTo(List.of("status", "from"));
    }

    @Test
    void shouldShowADeliveryWithEveryAttempt() throws Exception {
        String admin = app.newUser("team-" + UUID.randomUUID(), "admin");
        String id = webhook(admin);
        String deliveryId = "dlv_" + UUID.randomUUID();
        publish(attempt(id, deliveryId, 1, "acronym.created", "retrying", 503, T0));
        publish(attempt(id, deliveryId, 2, "acronym.created", "succeeded", 200, T0.plusSeconds(5)));
        String path = "/v4/webhooks/" + id + "/deliveries/" + deliveryId;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> success(get(admin, path), 200).jsonPath("$.data.attempts.length()").isEqualTo(2));
        success(get(admin, path), 200)
                .jsonPath("$.data.status").isEqualTo("succeeded")
                .jsonPath("$.data.request.headers.webhook-signature").isEqualTo("v1,abc")
                .jsonPath("$.data.request.body").isEqualTo("{\"event\":\"acronym.created\"}")
                .jsonPath("$.data.attempts[0].responseCode").isEqualTo(503)
                .jsonPath("$.data.attempts[0].trigger").isEqualTo("scheduled")
                .jsonPath("$.data.attempts[1].attemptedAt").isEqualTo(T0.plusSeconds(5).toString());
        // and: another team sees neither the list nor the delivery
        String stranger = app.newUser("team-" + UUID.randomUUID(), "owner");
        failure(get(stranger, path), 404, "not_found");
        failure(get(stranger, "/v4/webhooks/" + id + "/deliveries"), 404, "not_found");
        failure(get(admin, "/v4/webhooks/" + id + "/deliveries/dlv_unknown"), 404, "not_found");
    }

    @Test
    void shouldRebuildTheIndexFromTheTopicWhenAGatewayStarts() throws Exception {
        // given a webhook whose attempts are on the log before a new gateway instance starts
        String team = "team-" + UUID.randomUUID();
        String id = webhook(app.newUser(team, "admin"));
        String deliveryId = "dlv_" + UUID.randomUUID();
        publish(attempt(id, deliveryId, 1, "acronym.created", "failed", 410, Instant.now().minusSeconds(30)));
        // when
        try (IsolatedGateway fresh = IsolatedGateway.start(Map.of("hookline.delivery.allowed-cidrs", "127.0.0.0/8"))) {
            String key = fresh.newUser(team, io.hookline.schemas.principal.Role.MEMBER);
            // then it knows the delivery and counts it, without having been up when it happened
            success(fresh.client().get().uri("/v4/webhooks/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange(), 200)
                    .jsonPath("$.data.lastDelivery.deliveryId").isEqualTo(deliveryId)
                    .jsonPath("$.data.stats.last24h.failed").isEqualTo(1);
            success(fresh.client().get().uri("/v4/webhooks/" + id + "/deliveries/" + deliveryId)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange(), 200)
                    .jsonPath("$.data.attempts[0].responseCode").isEqualTo(410);
        }
    }

    @Test
    void shouldKeepTheIndexOnDiskAndNotCountTwiceAfterARestart() throws Exception {
        // given a gateway with a state directory of its own that indexed one attempt
        String team = "team-" + UUID.randomUUID();
        String id = webhook(app.newUser(team, "admin"));
        publish(attempt(id, "dlv_" + UUID.randomUUID(), 1, "acronym.created", "succeeded", 200, Instant.now().minusSeconds(10)));
        java.nio.file.Path stateDir = GatewayTestApp.tempDir();
        Map<String, String> props = Map.of("hookline.gateway.delivery-log.state-dir", stateDir.toString());
        try (IsolatedGateway first = IsolatedGateway.start(props)) {
            String key = first.newUser(team, io.hookline.schemas.principal.Role.MEMBER);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> success(first.client().get().uri("/v4/webhooks/" + id)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange(), 200).jsonPath("$.data.stats.last24h.succeeded").isEqualTo(1));
        }
        // then the store is on disk (RocksDB)
        try (var files = java.nio.file.Files.walk(stateDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).contains("gateway-delivery-log-index", "rocksdb");
        }
        // and after a restart on the same directory the attempt is counted once
        try (IsolatedGateway again = IsolatedGateway.start(props)) {
            String key = again.newUser(team, io.hookline.schemas.principal.Role.MEMBER);
            success(again.client().get().uri("/v4/webhooks/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange(), 200)
                    .jsonPath("$.data.stats.last24h.succeeded").isEqualTo(1);
        } finally {
            io.hookline.testsupport.TestFiles.deleteRecursively(stateDir);
        }
    }

    private static DeliveryAttempt attempt(String webhookId, String deliveryId, int n, String type, String status, int code, Instant at) {
        return DeliveryAttempt.newBuilder().setAttemptId(Ids.random(Ids.ATTEMPT)).setDeliveryId(deliveryId).setWebhookId(webhookId)
                .setTenantId("t").setEventId("evt_" + deliveryId).setEventType(type).setAttempt(n).setTrigger(n == 1 ? TriggerSymbol.scheduled : TriggerSymbol.retry)
                .setStatus(AttemptStatusSymbol.valueOf(status)).setAttemptedAt(at).setDurationMs(7).setUrl("https://example.com")
                .setRequestHeaders(Map.of("webhook-signature", "v1,abc")).setRequestBody("{\"event\":\"" + type + "\"}")
                .setResponseCode(code).setResponseHeaders(Map.of("content-type", "text/plain")).setResponseBody("x".repeat(700)).build();
    }

    private static void publish(DeliveryAttempt attempt) throws Exception {
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.DELIVERY_LOG.name(), attempt.getWebhookId(),
                    Topics.DELIVERY_LOG.valueSerde().serializer().serialize(Topics.DELIVERY_LOG.name(), attempt))).get(30, TimeUnit.SECONDS);
        }
    }

    private String webhook(String key) {
        String id = body(success(client.post().uri("/v4/webhooks").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", receiver.url("/hook"), "events", List.of("*"))).exchange(), 201))
                .at("/data/id").stringValue();
        DelivererGroup.commitToEnd(id); // no deliverer here: its verification delivery would stay queued, a pending row
        return id;
    }

    private WebTestClient.ResponseSpec get(String key, String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange();
    }

    private static JsonNode body(WebTestClient.BodyContentSpec spec) {
        return MAPPER.readTree(spec.returnResult().getResponseBody());
    }
}
