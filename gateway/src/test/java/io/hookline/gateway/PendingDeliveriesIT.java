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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13: a delivery is pending from the moment it is routed. No deliverer runs here: tasks are
 * written to {@code hookline.deliveries} as the router writes them (keyed by webhook id), attempts to
 * the delivery log and the group's offsets committed as the deliverer does.
 */
class PendingDeliveriesIT extends SharedGatewayWithReceiver {

    @Test
    void shouldListRoutedDeliveriesAsQueuedUntilTheirAttemptsAreRecorded() throws Exception {
        // given a webhook, and no deliverer reading hookline.deliveries
        String team = "team-" + UUID.randomUUID();
        String admin = app.newUser(team, "admin");
        String member = app.newUser(team, "member");
        String id = webhook(admin);
        String list = "/v4/webhooks/" + id + "/deliveries";
        String ours = "event=acronym.created"; // the webhook's verification delivery is queued too (a webhook.test)

        // when three deliveries are routed to it (and one that claims the webhook for another team)
        // (a millisecond apart: tasks routed in the same millisecond are listed by delivery id, as attempts are)
        Instant first = Instant.now();
        List<DeliveryTask> routed = List.of(task(id, team, first), task(id, team, first.plusMillis(1)), task(id, team, first.plusMillis(2)));
        for (DeliveryTask task : routed) {
            route(task);
        }
        route(task(id, "team-" + UUID.randomUUID(), 1, "scheduled"));

        // then they are listed as pending, queued, newest first, with their event ids; the foreign one is not
        JsonNode page = await().atMost(Duration.ofSeconds(30)).until(() -> body(success(get(member, list + "?status=pending&" + ours), 200)),
                p -> p.path("data").size() == 3);
        assertThat(page.path("data").findValuesAsString("eventId"))
                .containsExactly(routed.get(2).getEventId(), routed.get(1).getEventId(), routed.get(0).getEventId());
        assertThat(page.path("data").findValuesAsString("status")).containsOnly("pending");
        assertThat(page.path("data").findValuesAsString("reason")).containsOnly("queued for delivery");
        assertThat(page.path("data").findValues("attempts")).allSatisfy(a -> assertThat(a.asInt()).isZero());
        assertThat(page.path("pendingIncomplete").asBoolean()).isFalse();
        // and the unfiltered list and each delivery's detail say the same
        assertThat(body(success(get(member, list + "?" + ours), 200)).path("data").findValuesAsString("status"))
                .containsExactly("pending", "pending", "pending");
        success(get(member, list + "/" + routed.get(0).getDeliveryId()), 200)
                .jsonPath("$.data.status").isEqualTo("pending")
                .jsonPath("$.data.eventId").isEqualTo(routed.get(0).getEventId())
                .jsonPath("$.data.request.url").isEqualTo(receiver.url("/hook"))
                .jsonPath("$.data.attempts.length()").isEqualTo(0);

        // and another team sees neither the webhook's list nor its deliveries, and nothing of them in its own list
        String stranger = app.newUser("team-" + UUID.randomUUID(), "owner");
        failure(get(stranger, list + "?status=pending"), 404, "not_found");
        failure(get(stranger, list + "/" + routed.get(0).getDeliveryId()), 404, "not_found");
        String own = webhook(stranger);
        success(get(stranger, "/v4/webhooks/" + own + "/deliveries?status=pending&" + ours), 200).jsonPath("$.data.length()").isEqualTo(0);

        // when the first two are attempted and recorded
        publish(attempt(routed.get(0), "succeeded"));
        publish(attempt(routed.get(1), "succeeded"));

        // then they show succeeded (now in the list at their attempt's time), the third still pending
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statuses(body(success(get(member, list + "?" + ours), 200))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(routed.get(0).getDeliveryId(), "succeeded", routed.get(1).getDeliveryId(), "succeeded",
                        routed.get(2).getDeliveryId(), "pending")));

        // when the deliverer commits past the third (it finished it: its record is yet to come), nothing is pending
        DelivererGroup.commitToEnd(id);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                success(get(member, list + "?status=pending&" + ours), 200).jsonPath("$.data.length()").isEqualTo(0));
    }

    @Test
    void shouldShowAManualRedeliveryAsPendingUntilItsAttemptEnds() throws Exception {
        // given a delivery that failed
        String team = "team-" + UUID.randomUUID();
        String admin = app.newUser(team, "admin");
        String id = webhook(admin);
        DeliveryTask first = task(id, team, 1, "scheduled");
        publish(attempt(first, "failed"));
        String list = "/v4/webhooks/" + id + "/deliveries";
        String detail = list + "/" + first.getDeliveryId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> success(get(admin, detail), 200).jsonPath("$.data.status").isEqualTo("failed"));
        DelivererGroup.commitToEnd(id); // the deliverer is past the first attempt's task

        // when it is re-delivered
        success(client.post().uri(detail + "/redeliver").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange(), 202).jsonPath("$.data.attempt").isEqualTo(2);

        // then it is pending, the failed attempt still counted, until the re-delivery's attempt is recorded
        JsonNode row = await().atMost(Duration.ofSeconds(30)).until(() -> body(success(get(admin, list + "?status=pending&event=acronym.created"), 200)).path("data"),
                rows -> rows.size() == 1).get(0);
        assertThat(row.path("deliveryId").asString()).isEqualTo(first.getDeliveryId());
        assertThat(row.path("attempts").asInt()).isEqualTo(1);
        assertThat(row.path("reason").asString()).isEqualTo("queued for delivery");
        success(get(admin, detail), 200).jsonPath("$.data.status").isEqualTo("pending").jsonPath("$.data.attempts.length()").isEqualTo(1);
        DeliveryTask again = DeliveryTask.newBuilder(first).setAttempt(2).setTrigger(TriggerSymbol.manual).build();
        publish(attempt(again, "succeeded"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> success(get(admin, detail), 200)
                .jsonPath("$.data.status").isEqualTo("succeeded").jsonPath("$.data.attempts.length()").isEqualTo(2));
        success(get(admin, list + "?status=pending&event=acronym.created"), 200).jsonPath("$.data.length()").isEqualTo(0);
    }

    private static Map<String, String> statuses(JsonNode page) {
        Map<String, String> statuses = new java.util.HashMap<>();
        page.path("data").forEach(row -> statuses.put(row.path("deliveryId").asString(), row.path("status").asString()));
        return statuses;
    }

    private static DeliveryTask task(String webhookId, String team, int attempt, String trigger) {
        return DeliveryTask.newBuilder(task(webhookId, team, Instant.now())).setAttempt(attempt).setTrigger(TriggerSymbol.valueOf(trigger)).build();
    }

    private static DeliveryTask task(String webhookId, String team, Instant now) {
        return DeliveryTask.newBuilder().setDeliveryId("dlv_" + UUID.randomUUID()).setWebhookId(webhookId).setTenantId(team)
                .setEventId("evt_" + UUID.randomUUID()).setEventType("acronym.created").setEventTimestamp(now).setData("{}")
                .setUrl(receiver.url("/hook")).setSecrets(List.of()).setAttempt(1).setTrigger(TriggerSymbol.scheduled).setCreatedAt(now).build();
    }

    private static DeliveryAttempt attempt(DeliveryTask task, String status) {
        return DeliveryAttempt.newBuilder().setAttemptId(Ids.random(Ids.ATTEMPT)).setDeliveryId(task.getDeliveryId())
                .setWebhookId(task.getWebhookId()).setTenantId(task.getTenantId()).setEventId(task.getEventId())
                .setEventType(task.getEventType()).setAttempt(task.getAttempt()).setTrigger(task.getTrigger()).setStatus(AttemptStatusSymbol.valueOf(status))
                .setAttemptedAt(Instant.now()).setDurationMs(5).setUrl(task.getUrl()).setRequestHeaders(Map.of())
                .setRequestBody("{\"type\":\"acronym.created\",\"timestamp\":\"" + task.getEventTimestamp() + "\",\"data\":{}}")
                .setResponseCode("succeeded".equals(status) ? 200 : 500).build();
    }

    /** As the router does: keyed by webhook id, so on the webhook's partition by Kafka's default partitioner. */
    private static void route(DeliveryTask task) throws Exception {
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.DELIVERIES.name(), task.getWebhookId(),
                    Topics.DELIVERIES.valueSerde().serializer().serialize(Topics.DELIVERIES.name(), task))).get(30, TimeUnit.SECONDS);
        }
    }

    private static void publish(DeliveryAttempt attempt) throws Exception {
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.DELIVERY_LOG.name(), attempt.getWebhookId(),
                    Topics.DELIVERY_LOG.valueSerde().serializer().serialize(Topics.DELIVERY_LOG.name(), attempt))).get(30, TimeUnit.SECONDS);
        }
    }

    private String webhook(String key) {
        return body(success(client.post().uri("/v4/webhooks").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", receiver.url("/hook"), "events", List.of("*"))).exchange(), 201))
                .at("/data/id").stringValue();
    }

    private WebTestClient.ResponseSpec get(String key, String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange();
    }

    private static JsonNode body(WebTestClient.BodyContentSpec spec) {
        return MAPPER.readTree(spec.returnResult().getResponseBody());
    }
}
