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
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Re-delivery and recovery over the API: who may, what lands on {@code hookline.deliveries}, and what is refused. */
class RedeliveryApiIT extends SharedGatewayWithReceiver {

    @Test
    void shouldQueueTheNextManualAttemptOfADeliveryForAdminsOnly() throws Exception {
        // given a delivery that failed twice
        String team = "team-" + UUID.randomUUID();
        String admin = app.newUser(team, "admin");
        String id = webhook(admin);
        String deliveryId = "dlv_" + UUID.randomUUID();
        Instant at = Instant.now().minusSeconds(60);
        publish(attempt(id, deliveryId, 1, "failed", at));
        publish(attempt(id, deliveryId, 2, "failed", at.plusSeconds(5)));
        String path = "/v4/webhooks/" + id + "/deliveries/" + deliveryId;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> success(get(admin, path), 200).jsonPath("$.data.attempts.length()").isEqualTo(2));
        // when / then: members may not, other teams and unknown deliveries do not exist
        failure(post(app.newUser(team, "member"), path + "/redeliver", "{}"), 403, "forbidden");
        failure(post(app.newUser("team-" + UUID.randomUUID(), "owner"), path + "/redeliver", "{}"), 404, "not_found");
        failure(post(admin, "/v4/webhooks/" + id + "/deliveries/dlv_unknown/redeliver", "{}"), 404, "not_found");
        success(post(admin, path + "/redeliver", "{}"), 202)
                .jsonPath("$.data.deliveryId").isEqualTo(deliveryId)
                .jsonPath("$.data.attempt").isEqualTo(3);
        // and the task is on hookline.deliveries: same delivery id, trigger manual, the original data, the current URL
        DeliveryTask task = awaitTask(deliveryId);
        assertThat(task.getTrigger().name()).isEqualTo("manual");
        assertThat(task.getAttempt()).isEqualTo(3);
        assertThat(task.getData()).isEqualTo("{\"n\":1.50,\"s\":\"x\"}");
        assertThat(task.getUrl()).isEqualTo(receiver.url("/hook"));
        assertThat(task.getSecrets()).isNotEmpty();
    }

    @Test
    void shouldRefuseToRedeliverToADisabledWebhook() throws Exception {
        String admin = app.newUser("team-" + UUID.randomUUID(), "owner");
        String id = webhook(admin);
        String deliveryId = "dlv_" + UUID.randomUUID();
        publish(attempt(id, deliveryId, 1, "failed", Instant.now().minusSeconds(5)));
        success(post(admin, "/v4/webhooks/" + id + "/disable", "{}"), 200);
        failure(post(admin, "/v4/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver", "{}"), 409, "conflict");
        failure(post(admin, "/v4/webhooks/" + id + "/recover", "{\"since\": \"" + Instant.now().minusSeconds(60) + "\"}"), 409, "conflict");
    }

    @Test
    void shouldRecoverTheFailedAndSkippedDeliveriesOfAWindow() throws Exception {
        // given one failed, one skipped, one retried to success, one failed before the window
        String admin = app.newUser("team-" + UUID.randomUUID(), "admin");
        String id = webhook(admin);
        Instant since = Instant.now().minusSeconds(600);
        String run = UUID.randomUUID().toString();
        publish(attempt(id, "dlv_failed_" + run, 1, "failed", since.plusSeconds(10)));
        publish(attempt(id, "dlv_skipped_" + run, 1, "skipped", since.plusSeconds(20)));
        publish(attempt(id, "dlv_retried_" + run, 1, "failed", since.plusSeconds(30)));
        publish(attempt(id, "dlv_retried_" + run, 2, "succeeded", since.plusSeconds(40)));
        publish(attempt(id, "dlv_before_" + run, 1, "failed", since.minusSeconds(1)));
        awaitLogged(admin, id, 4);
        // when
        success(post(admin, "/v4/webhooks/" + id + "/recover", "{\"since\": \"" + since + "\"}"), 202).jsonPath("$.data.queued").isEqualTo(2);
        // then
        assertThat(awaitTask("dlv_failed_" + run).getTrigger().name()).isEqualTo("manual");
        assertThat(awaitTask("dlv_skipped_" + run).getAttempt()).isEqualTo(2);
    }

    @Test
    void shouldCountWhatARecoveryWouldQueueOnADryRunAndRecoverOnlyTheChosenStatus() throws Exception {
        // given one failed and one skipped delivery
        String admin = app.newUser("team-" + UUID.randomUUID(), "admin");
        String id = webhook(admin);
        Instant since = Instant.now().minusSeconds(600);
        String run = UUID.randomUUID().toString();
        publish(attempt(id, "dlv_failed_" + run, 1, "failed", since.plusSeconds(10)));
        publish(attempt(id, "dlv_skipped_" + run, 1, "skipped", since.plusSeconds(20)));
        awaitLogged(admin, id, 2);
        String path = "/v4/webhooks/" + id + "/recover";
        // when / then: a dry run counts both, or the one of a status, or none of another event type
        success(post(admin, path, "{\"since\": \"" + since + "\", \"dryRun\": true}"), 200)
                .jsonPath("$.data.dryRun").isEqualTo(true).jsonPath("$.data.wouldQueue").isEqualTo(2);
        success(post(admin, path, "{\"since\": \"" + since + "\", \"status\": [\"skipped\"], \"dryRun\": true}"), 200)
                .jsonPath("$.data.wouldQueue").isEqualTo(1);
        success(post(admin, path, "{\"since\": \"" + since + "\", \"event\": \"user.created\", \"dryRun\": true}"), 200)
                .jsonPath("$.data.wouldQueue").isEqualTo(0);
        failure(post(admin, path, "{\"since\": \"" + since + "\", \"status\": [\"succeeded\"], \"dry_run\": true}"), 422, "validation_failed")
                .jsonPath("$.error.details[*].field").isEqualTo(List.of("dry_run", "status"));
        // and a real run of the failed ones of that type queues exactly those
        success(post(admin, path, "{\"since\": \"" + since + "\", \"status\": [\"failed\"], \"event\": \"acronym.created\"}"), 202)
                .jsonPath("$.data.queued").isEqualTo(1);
        assertThat(awaitTask("dlv_failed_" + run).getAttempt()).isEqualTo(2);
    }

    @Test
    void shouldExplainWhatIsWrongWithARecoveryWindow() {
        String admin = app.newUser("team-" + UUID.randomUUID(), "admin");
        String id = webhook(admin);
        failure(post(admin, "/v4/webhooks/" + id + "/recover", "{\"until\": \"soon\"}"), 422, "validation_failed")
                .jsonPath("$.error.details[*].field").isEqualTo(List.of("until", "since"));
        failure(post(admin, "/v4/webhooks/" + id + "/recover", "{\"since\": \"2026-01-01T00:00:00Z\", \"until\": \"2026-02-01T00:00:00Z\"}"),
                422, "validation_failed").jsonPath("$.error.details[0].problem").value(p -> assertThat((String) p).contains("14 days"));
    }

    private static DeliveryAttempt attempt(String webhookId, String deliveryId, int n, String status, Instant at) {
        String body = "{\"event\":\"acronym.created\",\"timestamp\":\"2026-11-20T10:00:00Z\",\"webhook_id\":\"" + webhookId
                + "\",\"delivery_id\":\"" + deliveryId + "\",\"tenant_id\":\"t\",\"data\":{\"n\":1.50,\"s\":\"x\"}}";
        return DeliveryAttempt.newBuilder().setAttemptId(Ids.random(Ids.ATTEMPT)).setDeliveryId(deliveryId).setWebhookId(webhookId)
                .setTenantId("t").setEventId("evt_" + deliveryId).setEventType("acronym.created").setAttempt(n)
                .setTrigger(n == 1 ? TriggerSymbol.scheduled : TriggerSymbol.retry).setStatus(AttemptStatusSymbol.valueOf(status)).setAttemptedAt(at).setDurationMs(7)
                .setUrl("https://example.com/old").setRequestHeaders(Map.of("webhook-signature", "v1,abc")).setRequestBody(body)
                .setResponseCode("failed".equals(status) ? 500 : null).build();
    }

    private void awaitLogged(String key, String webhookId, int deliveries) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> success(get(key, "/v4/webhooks/" + webhookId + "/deliveries"), 200)
                .jsonPath("$.data.length()").isEqualTo(deliveries));
    }

    private static void publish(DeliveryAttempt attempt) throws Exception {
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.DELIVERY_LOG.name(), attempt.getWebhookId(),
                    Topics.DELIVERY_LOG.valueSerde().serializer().serialize(Topics.DELIVERY_LOG.name(), attempt))).get(30, TimeUnit.SECONDS);
        }
    }

    private static DeliveryTask awaitTask(String deliveryId) {
        List<ConsumerRecord<String, DeliveryTask>> records = TestKafka.consumeUntil(Topics.DELIVERIES, "it-" + UUID.randomUUID(),
                rs -> rs.stream().anyMatch(r -> r.value().getDeliveryId().equals(deliveryId)), Duration.ofSeconds(30));
        return records.stream().map(ConsumerRecord::value).filter(t -> t.getDeliveryId().equals(deliveryId)).findFirst().orElseThrow();
    }

    private String webhook(String key) {
        String id = MAPPER.readTree(success(post(key, "/v4/webhooks", "{\"url\": \"" + receiver.url("/hook") + "\", \"events\": [\"*\"]}"), 201)
                .returnResult().getResponseBody()).at("/data/id").stringValue();
        DelivererGroup.commitToEnd(id); // no deliverer here: its verification delivery would stay queued, a pending row
        return id;
    }

    private WebTestClient.ResponseSpec post(String key, String path, String json) {
        return client.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange();
    }

    private WebTestClient.ResponseSpec get(String key, String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange();
    }
}
