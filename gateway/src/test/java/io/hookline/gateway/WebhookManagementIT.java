package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.failure;
import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.AttemptStatusSymbol;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.TriggerSymbol;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Lifecycle, secrets, test sends, custom event types and the delivery-log figures, against the real gateway and broker. */
class WebhookManagementIT extends SharedGatewayWithReceiver {

    @Test
    void shouldPatchWhatMayChangeAndRefuseTheUrl() {
        // given
        String key = app.newUser("team-" + UUID.randomUUID(), "admin");
        String id = createWebhook(key, List.of("acronym.created"));
        // when
        success(send(key, HttpMethod.PATCH, "/v4/webhooks/" + id, Map.of("events", List.of("*"), "description", "all of it",
                "retryPolicy", Map.of("mode", "exponential", "schedule", List.of("1s")), "rateLimitPerSecond", 20, "ordering", "fifo")), 200)
                .jsonPath("$.data.events").isEqualTo(List.of("*"))
                .jsonPath("$.data.description").isEqualTo("all of it")
                .jsonPath("$.data.retryPolicy.schedule").isEqualTo(List.of("1s"))
                .jsonPath("$.data.rateLimitPerSecond").isEqualTo(20)
                .jsonPath("$.data.ordering").isEqualTo("fifo");
        // then
        failure(send(key, HttpMethod.PATCH, "/v4/webhooks/" + id, Map.of("url", receiver.url("/other"))), 422, "validation_failed")
                .jsonPath("$.error.details[0].field").isEqualTo("url")
                .jsonPath("$.error.details[0].problem").isEqualTo("url is immutable: delete and recreate");
        success(send(key, HttpMethod.GET, "/v4/webhooks/" + id, null), 200).jsonPath("$.data.events").isEqualTo(List.of("*"));
    }

    @Test
    void shouldDisableEnableAndDelete() {
        // given
        String team = "team-" + UUID.randomUUID();
        String key = app.newUser(team, "owner");
        String id = createWebhook(key, List.of("*"));
        // when / then
        success(send(key, HttpMethod.POST, "/v4/webhooks/" + id + "/disable", null), 200)
                .jsonPath("$.data.status").isEqualTo("disabled")
                .jsonPath("$.data.enabled").isEqualTo(false);
        success(send(key, HttpMethod.GET, "/v4/webhooks?status=disabled", null), 200).jsonPath("$.data[0].id").isEqualTo(id);
        failure(send(key, HttpMethod.POST, "/v4/webhooks/" + id + "/test", Map.of("eventType", "acronym.created")), 409, "conflict");
        success(send(key, HttpMethod.POST, "/v4/webhooks/" + id + "/enable", null), 200)
                .jsonPath("$.data.status").isEqualTo("verification_failed") // what its last verification said
                .jsonPath("$.data.enabled").isEqualTo(true);
        send(key, HttpMethod.DELETE, "/v4/webhooks/" + id, null).expectStatus().isNoContent();
        failure(send(key, HttpMethod.GET, "/v4/webhooks/" + id, null), 404, "not_found");
        // and the topic holds the deleted state, then a tombstone
        List<ConsumerRecord<String, Webhook>> records = TestKafka.consumeUntil(Topics.WEBHOOKS, "mgmt-it-" + UUID.randomUUID(),
                read -> read.stream().anyMatch(r -> id.equals(r.key()) && r.value() == null), Duration.ofSeconds(30));
        List<ConsumerRecord<String, Webhook>> mine = records.stream().filter(r -> id.equals(r.key())).toList();
        assertThat(mine.get(mine.size() - 1).value()).isNull();
        assertThat(mine.get(mine.size() - 2).value().getStatus().name()).isEqualTo("deleted");
    }

    @Test
    void shouldRevealAndRotateTheSecretKeepingTheOldOneForADay() {
        // given
        String key = app.newUser("team-" + UUID.randomUUID(), "admin");
        JsonNode created = createdBody(key, List.of("*"));
        String id = created.at("/data/id").stringValue();
        String first = created.at("/data/secret").stringValue();
        // when
        success(send(key, HttpMethod.GET, "/v4/webhooks/" + id + "/secret", null), 200).jsonPath("$.data.secret").isEqualTo(first);
        String rotated = body(success(send(key, HttpMethod.POST, "/v4/webhooks/" + id + "/secret/rotate", null), 200))
                .at("/data/secret").stringValue();
        // then
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(first);
        success(send(key, HttpMethod.GET, "/v4/webhooks/" + id + "/secret", null), 200).jsonPath("$.data.secret").isEqualTo(rotated);
        Webhook stored = TestKafka.consumeUntil(Topics.WEBHOOKS, "mgmt-it-" + UUID.randomUUID(),
                        read -> read.stream().anyMatch(r -> id.equals(r.key()) && r.value().getSecrets().size() == 2), Duration.ofSeconds(30))
                .stream().filter(r -> id.equals(r.key()) && r.value().getSecrets().size() == 2).findFirst().orElseThrow().value();
        SecretCipher cipher = SecretCipher.fromBase64Key(GatewayTestApp.SECRETS_KEY);
        assertThat(cipher.decrypt(stored.getSecrets().get(0).getCiphertext())).isEqualTo(rotated);
        assertThat(stored.getSecrets().get(0).getExpiresAt()).isNull();
        assertThat(cipher.decrypt(stored.getSecrets().get(1).getCiphertext())).isEqualTo(first);
        assertThat(stored.getSecrets().get(1).getExpiresAt()).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
    }

    @Test
    void shouldForbidMembersEveryChangeAndTheSecret() {
        String team = "team-" + UUID.randomUUID();
        String admin = app.newUser(team, "admin");
        String member = app.newUser(team, "member");
        String id = createWebhook(admin, List.of("*"));
        for (String[] call : calls(id)) {
            if (!call[0].equals("GET") || call[1].endsWith("/secret")) {
                failure(send(member, HttpMethod.valueOf(call[0]), call[1], call.length > 2 ? MAPPER.readTree(call[2]) : null), 403, "forbidden");
            }
        }
        success(send(member, HttpMethod.GET, "/v4/webhooks/" + id, null), 200).jsonPath("$.data.id").isEqualTo(id);
    }

    @Test
    void shouldAnswer404ForAnotherTeamsWebhookOnEveryEndpoint() {
        String id = createWebhook(app.newUser("team-" + UUID.randomUUID(), "admin"), List.of("*"));
        String stranger = app.newUser("team-" + UUID.randomUUID(), "owner");
        for (String[] call : calls(id)) {
            failure(send(stranger, HttpMethod.valueOf(call[0]), call[1], call.length > 2 ? MAPPER.readTree(call[2]) : null), 404, "not_found");
        }
    }

    @Test
    void shouldSendATestEventAsASingleDeliveryTask() {
        // given
        String team = "team-" + UUID.randomUUID();
        String key = app.newUser(team, "admin");
        String id = createWebhook(key, List.of("acronym.created"));
        // when
        String deliveryId = body(success(send(key, HttpMethod.POST, "/v4/webhooks/" + id + "/test", Map.of("eventType", "acronym.created")), 202))
                .at("/data/deliveryId").stringValue();
        // then
        DeliveryTask task = TestKafka.consumeUntil(Topics.DELIVERIES, "mgmt-it-" + UUID.randomUUID(),
                        read -> read.stream().anyMatch(r -> deliveryId.equals(r.value().getDeliveryId())), Duration.ofSeconds(30))
                .stream().filter(r -> deliveryId.equals(r.value().getDeliveryId())).findFirst().orElseThrow().value();
        assertThat(task.getWebhookId()).isEqualTo(id);
        assertThat(task.getTenantId()).isEqualTo(team);
        assertThat(task.getTrigger().name()).isEqualTo("test");
        assertThat(task.getEventType()).isEqualTo("acronym.created");
        assertThat(task.getDeliveryId()).isEqualTo(Ids.deliveryId(task.getEventId(), id));
        assertThat(MAPPER.readTree(task.getData()).has("acronym")).isTrue();
        assertThat(task.getSecrets()).hasSize(1);
        failure(send(key, HttpMethod.POST, "/v4/webhooks/" + id + "/test", Map.of("eventType", "no.such")), 422, "validation_failed");
    }

    @Test
    void shouldRegisterACustomTypeForTheTeamOnly() {
        // given
        String team = "team-" + UUID.randomUUID();
        String admin = app.newUser(team, "admin");
        Map<String, Object> type = Map.of("type", "invoice.paid", "description", "An invoice was paid.",
                "schema", Map.of("type", "object", "properties", Map.of("amount", Map.of("type", "integer")), "required", List.of("amount")),
                "sample", Map.of("amount", 42));
        failure(send(app.newUser(team, "member"), HttpMethod.POST, "/v4/event-types", type), 403, "forbidden");
        // when
        success(send(admin, HttpMethod.POST, "/v4/event-types", type), 201).jsonPath("$.data.type").isEqualTo("invoice.paid");
        // then: listed, usable for events and subscriptions by this team
        success(send(admin, HttpMethod.GET, "/v4/event-types", null), 200)
                .jsonPath("$.data[?(@.type == 'invoice.paid')].sample.amount").isEqualTo(List.of(42));
        success(send(admin, HttpMethod.POST, "/v4/events", Map.of("type", "invoice.paid", "data", Map.of("amount", 1))), 202);
        failure(send(admin, HttpMethod.POST, "/v4/events", Map.of("type", "invoice.paid", "data", Map.of())), 422, "validation_failed")
                .jsonPath("$.error.details[0].field").isEqualTo("data.amount");
        createWebhook(admin, List.of("invoice.paid"));
        // and: unknown to another team
        String stranger = app.newUser("team-" + UUID.randomUUID(), "admin");
        success(send(stranger, HttpMethod.GET, "/v4/event-types", null), 200).jsonPath("$.data[?(@.type == 'invoice.paid')]").isEmpty();
        failure(send(stranger, HttpMethod.POST, "/v4/events", Map.of("type", "invoice.paid", "data", Map.of("amount", 1))), 422,
                "validation_failed");
        failure(send(admin, HttpMethod.POST, "/v4/event-types", Map.of("type", "bad.schema", "description", "d",
                "schema", Map.of("type", "banana"))), 422, "validation_failed");
    }

    @Test
    void shouldShowLastDeliveryAndStatsFromTheDeliveryLog() throws Exception {
        // given a webhook and two attempts on the delivery log
        String key = app.newUser("team-" + UUID.randomUUID(), "admin");
        String id = createWebhook(key, List.of("*"));
        Instant now = Instant.now();
        publishAttempt(attempt(id, "dlv_" + UUID.randomUUID(), "succeeded", 200, now.minusSeconds(120)));
        publishAttempt(attempt(id, "dlv_" + UUID.randomUUID(), "failed", 502, now.minusSeconds(60)));
        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> success(send(key, HttpMethod.GET, "/v4/webhooks/" + id, null), 200)
                .jsonPath("$.data.lastDelivery.status").isEqualTo("failed")
                .jsonPath("$.data.lastDelivery.responseCode").isEqualTo(502)
                .jsonPath("$.data.stats.last24h.succeeded").isEqualTo(1)
                .jsonPath("$.data.stats.last24h.failed").isEqualTo(1)
                .jsonPath("$.data.stats.last7d.failed").isEqualTo(1));
    }

    /** Every new per-webhook endpoint: method, path, body. */
    private String[][] calls(String id) {
        String w = "/v4/webhooks/" + id;
        return new String[][] {
                {"GET", w}, {"PATCH", w, "{\"description\": \"x\"}"}, {"POST", w + "/disable"}, {"POST", w + "/enable"},
                {"GET", w + "/secret"}, {"POST", w + "/secret/rotate"}, {"POST", w + "/verify"},
                {"POST", w + "/test", "{\"eventType\": \"acronym.created\"}"}, {"DELETE", w}};
    }

    private static DeliveryAttempt attempt(String webhookId, String deliveryId, String status, int code, Instant at) {
        return DeliveryAttempt.newBuilder().setAttemptId(Ids.random(Ids.ATTEMPT)).setDeliveryId(deliveryId).setWebhookId(webhookId)
                .setTenantId("t").setEventId("evt_1").setEventType("acronym.created").setAttempt(1).setTrigger(TriggerSymbol.scheduled)
                .setStatus(AttemptStatusSymbol.valueOf(status)).setAttemptedAt(at).setDurationMs(5).setUrl("https://example.com").setRequestHeaders(Map.of())
                .setRequestBody("{}").setResponseCode(code).setResponseHeaders(Map.of()).setResponseBody("").build();
    }

    private static void publishAttempt(DeliveryAttempt attempt) throws Exception {
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.DELIVERY_LOG.name(), attempt.getWebhookId(),
                    Topics.DELIVERY_LOG.valueSerde().serializer().serialize(Topics.DELIVERY_LOG.name(), attempt))).get(30, TimeUnit.SECONDS);
        }
    }

    private String createWebhook(String key, List<String> events) {
        return createdBody(key, events).at("/data/id").stringValue();
    }

    private JsonNode createdBody(String key, List<String> events) {
        return body(success(send(key, HttpMethod.POST, "/v4/webhooks", Map.of("url", receiver.url("/hook"), "events", events)), 201));
    }

    private WebTestClient.ResponseSpec send(String key, HttpMethod method, String path, Object body) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static JsonNode body(WebTestClient.BodyContentSpec spec) {
        return MAPPER.readTree(spec.returnResult().getResponseBody());
    }
}
