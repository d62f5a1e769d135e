package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.topics.Topic;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
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
 * gateways answer the same afterwards. Custom header values are stored sealed, on the webhook and its commands.
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

    @Test
    void shouldStoreCustomHeaderValuesSealedAndShowThemInClear() {
        // given a webhook whose custom header carries a credential
        String key = app.newUser("team-" + UUID.randomUUID(), "admin");
        String token = "Bearer tok-" + UUID.randomUUID();
        JsonNode created = body(success(send(client, key, HttpMethod.POST, "/v4/webhooks", Map.of("url", receiver.url("/hook"),
                "events", List.of("*"), "headers", Map.of("Authorization", token))), 201));
        String id = created.at("/data/id").stringValue();
        // and then changed through the other gateway
        String changed = "Bearer tok-" + UUID.randomUUID();
        JsonNode patched = body(success(send(other.client(), key, HttpMethod.PATCH, "/v4/webhooks/" + id,
                Map.of("headers", Map.of("Authorization", changed, "X-Team", "payments"))), 200));

        // then the API shows the values in clear
        assertThat(created.at("/data/headers/Authorization").stringValue()).isEqualTo(token);
        assertThat(patched.at("/data/headers/Authorization").stringValue()).isEqualTo(changed);
        assertThat(webhook(client, key, id).at("/headers/X-Team").stringValue()).isEqualTo("payments");
        // and no record of the webhook, nor of the commands that changed it, holds them
        Predicate<List<ConsumerRecord<String, byte[]>>> patchStored = read -> read.stream().filter(r -> id.equals(r.key()) && r.value() != null)
                .map(r -> Topics.WEBHOOKS.valueSerde().deserializer().deserialize(Topics.WEBHOOKS.name(), r.value()))
                .anyMatch(w -> w.getHeaders().containsKey("X-Team"));
        List<ConsumerRecord<String, byte[]>> stored = TestKafka.consumeUntil(raw(Topics.WEBHOOKS.name()), "it-raw-" + UUID.randomUUID(),
                patchStored, Duration.ofSeconds(30));
        List<ConsumerRecord<String, byte[]>> commands = TestKafka.consumeUntil(raw(Topics.WEBHOOK_COMMANDS.name()), "it-raw-" + UUID.randomUUID(),
                read -> read.stream().filter(r -> id.equals(r.key())).count() >= 3, Duration.ofSeconds(30));
        for (ConsumerRecord<String, byte[]> record : concat(stored, commands)) {
            if (id.equals(record.key()) && record.value() != null) {
                String bytes = new String(record.value(), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as("%s@%d", record.topic(), record.offset()).doesNotContain("tok-").doesNotContain("payments");
            }
        }
    }

    private static Topic<String, byte[]> raw(String name) {
        return new Topic<>(name, Topics.PARTITIONS, Map.of(), Serdes.String(), Serdes.ByteArray());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
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
        WebhookOneWriterIT.askToDisable(team, webhookId, reason);
        return null;
    }

    private static WebTestClient.ResponseSpec send(WebTestClient gateway, String key, HttpMethod method, String path, Object body) {
        WebTestClient.RequestBodySpec request = gateway.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static JsonNode body(WebTestClient.BodyContentSpec spec) {
        return MAPPER.readTree(spec.returnResult().getResponseBody());
    }
}
