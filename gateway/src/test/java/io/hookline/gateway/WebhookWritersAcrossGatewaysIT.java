package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.avro.WebhookAction;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One writer per webhook across gateway instances: a rotation through gateway A, an edit through gateway B
 * and the deliverer's two kinds of disable, all at the same instant on one webhook, each survive, and both
 * gateways answer the same afterwards.
 */
class WebhookWritersAcrossGatewaysIT extends SharedGatewayWithReceiver {

    private static final int ROUNDS = 20;

    private static IsolatedGateway other;

    @BeforeAll
    static void startTheOtherGateway() {
        other = IsolatedGateway.start(Map.of("hookline.delivery.allowed-cidrs", "127.0.0.0/8",
                "hookline.gateway.webhooks.verification-timeout", "1s"));
    }

    @AfterAll
    static void stopTheOtherGateway() {
        other.close();
    }

    @Test
    void shouldKeepEveryChangeMadeAtTheSameInstantThroughTwoGatewaysAndTheDeliverer() throws Exception {
        // given one webhook, known to both gateways
        String team = "team-" + UUID.randomUUID();
        String key = app.newUser(team, "admin");
        WebTestClient a = client;
        WebTestClient b = other.client();
        String id = body(success(send(a, key, HttpMethod.POST, "/v4/webhooks",
                Map.of("url", receiver.url("/hook"), "events", List.of("*"))), 201)).at("/data/id").stringValue();
        await().atMost(Duration.ofSeconds(30)).until(() -> send(b, key, HttpMethod.GET, "/v4/webhooks/" + id, null)
                .returnResult(byte[].class).getStatus().value() == 200);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                int r = round;
                CyclicBarrier together = new CyclicBarrier(4);
                String gone = "endpoint answered 410 Gone (round " + r + ")";
                String failing = "10 failures in a row (round " + r + ")";
                // when, at the same instant, A rotates, B edits, and the deliverer asks twice to disable
                CompletableFuture<String> rotated = CompletableFuture.supplyAsync(atOnce(together, () -> body(success(send(a, key,
                        HttpMethod.POST, "/v4/webhooks/" + id + "/secret/rotate", Map.of()), 200)).at("/data/secret").stringValue()), pool);
                CompletableFuture<JsonNode> patched = CompletableFuture.supplyAsync(atOnce(together, () -> body(success(send(b, key,
                        HttpMethod.PATCH, "/v4/webhooks/" + id, Map.of("description", "round " + r, "rateLimitPerSecond", 100 + r)), 200))), pool);
                CompletableFuture<Void> disabledOnGone = CompletableFuture.supplyAsync(atOnce(together, () -> askToDisable(team, id, gone)), pool);
                CompletableFuture<Void> disabledOnFailures = CompletableFuture.supplyAsync(atOnce(together,
                        () -> askToDisable(team, id, failing)), pool);
                CompletableFuture.allOf(rotated, patched, disabledOnGone, disabledOnFailures).get(60, TimeUnit.SECONDS);

                // then the webhook shows every change, through both gateways alike
                assertThat(patched.get().at("/data/description").stringValue()).as("round %d: PATCH answers its own change", r).isEqualTo("round " + r);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode throughA = webhook(a, key, id);
                    assertThat(throughA.path("description").asString()).as("round %d: the edit survives", r).isEqualTo("round " + r);
                    assertThat(throughA.path("rateLimitPerSecond").asInt()).as("round %d: the edit survives", r).isEqualTo(100 + r);
                    assertThat(throughA.path("status").asString()).as("round %d: the disable survives", r).isEqualTo("disabled");
                    assertThat(throughA.path("disabledReason").asString()).as("round %d: a disable with its reason", r).isIn(gone, failing);
                    assertThat(webhook(b, key, id)).as("round %d: both gateways answer the same", r).isEqualTo(throughA);
                    assertThat(secret(a, key, id)).as("round %d: the rotation survives (A)", r).isEqualTo(rotated.get());
                    assertThat(secret(b, key, id)).as("round %d: the rotation survives (B)", r).isEqualTo(rotated.get());
                });

                // and enabled again through B, for the next round's disables to have something to do
                assertThat(body(success(send(b, key, HttpMethod.POST, "/v4/webhooks/" + id + "/enable", null), 200)).at("/data/enabled")
                        .asBoolean()).as("round %d: enabled again", r).isTrue();
                await().atMost(Duration.ofSeconds(30)).until(() -> webhook(a, key, id).path("enabled").asBoolean());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> Supplier<T> atOnce(CyclicBarrier together, Supplier<T> work) {
        return () -> {
            try {
                together.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the four changes did not start together", e);
            }
            return work.get();
        };
    }

    /** The webhook as a gateway answers it, without what changes on its own (deliveries). */
    private static JsonNode webhook(WebTestClient gateway, String key, String id) {
        ObjectNode data = (ObjectNode) body(success(send(gateway, key, HttpMethod.GET, "/v4/webhooks/" + id, null), 200)).path("data");
        data.remove("lastDelivery");
        data.remove("stats");
        return data;
    }

    private static String secret(WebTestClient gateway, String key, String id) {
        return body(success(send(gateway, key, HttpMethod.GET, "/v4/webhooks/" + id + "/secret", null), 200)).at("/data/secret").stringValue();
    }

    private static Void askToDisable(String team, String webhookId, String reason) {
        WebhookCommand command = WebhookCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setWebhookId(webhookId)
                .setTenantId(team).setAction(WebhookAction.DISABLE).setReason(reason).setIssuedBy("deliverer")
                .setIssuedAt(Instant.now()).build();
        String topic = Topics.WEBHOOK_COMMANDS.name();
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>(topic, TenantPartitioner.partitionFor(team, Topics.WEBHOOK_COMMANDS.partitions()), webhookId,
                    Topics.WEBHOOK_COMMANDS.valueSerde().serializer().serialize(topic, command))).get(30, TimeUnit.SECONDS);
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebTestClient.ResponseSpec send(WebTestClient gateway, String key, HttpMethod method, String path, Object body) {
        WebTestClient.RequestBodySpec request = gateway.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static JsonNode body(WebTestClient.BodyContentSpec spec) {
        return MAPPER.readTree(spec.returnResult().getResponseBody());
    }
}
