package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookAction;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The gateway is the one writer of {@code hookline.webhooks}: changes made at once to one webhook
 * (rotations, edits, and the deliverer's disable command for a 410) all survive; none is written over
 * a stale copy of the webhook.
 */
class WebhookOneWriterIT extends SharedGatewayWithReceiver {

    private static final int ROTATIONS = 6;

    @Test
    void shouldKeepEveryChangeMadeAtOnceToOneWebhook() throws Exception {
        // given
        String team = "team-" + UUID.randomUUID();
        String key = app.newUser(team, "admin");
        String id = body(success(send(key, HttpMethod.POST, "/v4/webhooks",
                Map.of("url", receiver.url("/hook"), "events", List.of("acronym.created"))), 201)).at("/data/id").stringValue();
        ExecutorService pool = Executors.newFixedThreadPool(ROTATIONS + 3);
        try {
            // when six rotations, two edits of different fields and the deliverer's disable all arrive at once
            List<CompletableFuture<String>> rotations = new ArrayList<>();
            for (int i = 0; i < ROTATIONS; i++) {
                rotations.add(CompletableFuture.supplyAsync(() -> body(success(send(key, HttpMethod.POST,
                        "/v4/webhooks/" + id + "/secret/rotate", Map.of()), 200)).at("/data/secret").stringValue(), pool));
            }
            CompletableFuture<Void> description = CompletableFuture.runAsync(() ->
                    success(send(key, HttpMethod.PATCH, "/v4/webhooks/" + id, Map.of("description", "edited")), 200), pool);
            CompletableFuture<Void> events = CompletableFuture.runAsync(() ->
                    success(send(key, HttpMethod.PATCH, "/v4/webhooks/" + id, Map.of("events", List.of("*"))), 200), pool);
            CompletableFuture<Void> disable = CompletableFuture.runAsync(() -> askToDisable(team, id, "endpoint answered 410 Gone"), pool);
            CompletableFuture.allOf(description, events, disable).get(60, TimeUnit.SECONDS);
            List<String> rotated = new ArrayList<>();
            for (CompletableFuture<String> rotation : rotations) {
                rotated.add(rotation.get(60, TimeUnit.SECONDS));
            }

            // then the webhook shows every change
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "disabled".equals(body(success(send(key, HttpMethod.GET, "/v4/webhooks/" + id, null), 200)).at("/data/status").stringValue()));
            JsonNode webhook = body(success(send(key, HttpMethod.GET, "/v4/webhooks/" + id, null), 200)).path("data");
            assertThat(webhook.path("description").asString()).isEqualTo("edited");
            assertThat(webhook.path("events").toString()).isEqualTo("[\"*\"]");
            assertThat(webhook.path("disabledReason").asString()).isEqualTo("endpoint answered 410 Gone");
            // and the stored webhook still signs with every secret the rotations handed out
            assertThat(storedWithSecrets(id, rotated)).as("the stored webhook keeps every rotated secret").isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldApplyADisableCommandOnlyOnceAndIgnoreOneForADeletedWebhook() throws Exception {
        // given a webhook a person disabled, and one deleted
        String team = "team-" + UUID.randomUUID();
        String key = app.newUser(team, "admin");
        String disabled = body(success(send(key, HttpMethod.POST, "/v4/webhooks",
                Map.of("url", receiver.url("/hook"), "events", List.of("*"))), 201)).at("/data/id").stringValue();
        success(send(key, HttpMethod.POST, "/v4/webhooks/" + disabled + "/disable", null), 200);
        String deleted = body(success(send(key, HttpMethod.POST, "/v4/webhooks",
                Map.of("url", receiver.url("/hook"), "events", List.of("*"))), 201)).at("/data/id").stringValue();
        send(key, HttpMethod.DELETE, "/v4/webhooks/" + deleted, null).expectStatus().isNoContent();
        // when the deliverer asks to disable both, then a third webhook
        askToDisable(team, disabled, "endpoint answered 410 Gone");
        askToDisable(team, deleted, "endpoint answered 410 Gone");
        String third = body(success(send(key, HttpMethod.POST, "/v4/webhooks",
                Map.of("url", receiver.url("/hook"), "events", List.of("*"))), 201)).at("/data/id").stringValue();
        askToDisable(team, third, "10 failures in a row");
        // then the commands are applied in order: the third is disabled, the person's disable keeps no reason,
        // and the deleted one stays deleted
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "disabled".equals(body(success(send(key, HttpMethod.GET, "/v4/webhooks/" + third, null), 200)).at("/data/status").stringValue()));
        JsonNode person = body(success(send(key, HttpMethod.GET, "/v4/webhooks/" + disabled, null), 200)).path("data");
        assertThat(person.path("status").asString()).isEqualTo("disabled");
        assertThat(person.path("disabledReason").isNull() || person.path("disabledReason").isMissingNode()).isTrue();
        send(key, HttpMethod.GET, "/v4/webhooks/" + deleted, null).expectStatus().isNotFound();
    }

    /** Sends the deliverer's disable command, as {@code KafkaWebhookGate} does. */
    static void askToDisable(String team, String webhookId, String reason) {
        WebhookCommand command = WebhookCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setWebhookId(webhookId)
                .setTenantId(team).setAction(WebhookAction.DISABLE).setReason(reason).setIssuedBy("deliverer")
                .setIssuedAt(Instant.now()).build();
        String topic = Topics.WEBHOOK_COMMANDS.name();
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>(topic, TenantPartitioner.partitionFor(team, Topics.WEBHOOK_COMMANDS.partitions()), webhookId,
                    Topics.WEBHOOK_COMMANDS.valueSerde().serializer().serialize(topic, command))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the webhook's latest record on hookline.webhooks is disabled and holds all these plaintext secrets, within a deadline. */
    private static boolean storedWithSecrets(String id, List<String> secrets) {
        SecretCipher cipher = SecretCipher.fromBase64Key(GatewayTestApp.SECRETS_KEY);
        Predicate<List<ConsumerRecord<String, Webhook>>> latestHasAll = read -> read.stream()
                .filter(r -> id.equals(r.key())).reduce((a, b) -> b)
                .map(ConsumerRecord::value)
                .filter(w -> w != null && !w.getEnabled())
                .map(w -> w.getSecrets().stream().map(SigningSecret::getCiphertext).map(cipher::decrypt).toList().containsAll(secrets))
                .orElse(false);
        return latestHasAll.test(TestKafka.consumeUntil(Topics.WEBHOOKS, "it-read-" + UUID.randomUUID(), latestHasAll, Duration.ofSeconds(30)));
    }

    private static WebTestClient.ResponseSpec send(String key, HttpMethod method, String path, Object body) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static JsonNode body(WebTestClient.BodyContentSpec spec) {
        return MAPPER.readTree(spec.returnResult().getResponseBody());
    }
}
