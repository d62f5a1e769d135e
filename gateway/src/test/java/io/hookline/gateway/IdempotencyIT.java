package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.failure;
import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.IdempotentResponse;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestKafka;
import io.hookline.testsupport.TestReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code Idempotency-Key}: replay, conflict, concurrency, team scope, encryption at rest, and a restart. */
class IdempotencyIT {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static GatewayTestApp app;
    private static TestReceiver receiver;

    @BeforeAll
    static void start() {
        app = GatewayTestApp.shared();
        receiver = TestReceiver.https();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void shouldReplayTheFirstResponseAndCreateOnlyOneWebhook() {
        // given
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        String key = UUID.randomUUID().toString();
        String body = "{\"url\": \"" + receiver.url("/idem") + "\", \"events\": [\"*\"]}";
        EntityExchangeResult<byte[]> first = success(post(app.client(), owner, "/v4/webhooks", key, body), 201).returnResult();

        // when
        EntityExchangeResult<byte[]> second = success(post(app.client(), owner, "/v4/webhooks", key, body), 201).returnResult();

        // then
        assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(second.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
        success(get(app.client(), owner, "/v4/webhooks"), 200).jsonPath("$.data.length()").isEqualTo(1);
    }

    @Test
    void shouldRefuseTheSameKeyWithAnotherBody() {
        // given
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        String key = UUID.randomUUID().toString();
        success(post(app.client(), owner, "/v4/users", key, "{\"email\": \"a@example.com\", \"role\": \"member\"}"), 201);

        // when / then
        failure(post(app.client(), owner, "/v4/users", key, "{\"email\": \"b@example.com\", \"role\": \"member\"}"), 409, "conflict");
        success(get(app.client(), owner, "/v4/users"), 200).jsonPath("$.data.length()").isEqualTo(2);
    }

    @Test
    void shouldLetAFailedRequestBeRetriedWithItsKey() {
        // given
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        String key = UUID.randomUUID().toString();
        failure(post(app.client(), owner, "/v4/users", key, "{\"email\": \"nope\", \"role\": \"member\"}"), 422, "validation_failed");

        // when / then: the failure was not kept
        success(post(app.client(), owner, "/v4/users", key, "{\"email\": \"fixed@example.com\", \"role\": \"member\"}"), 201);
    }

    @Test
    void shouldKeepKeysApartBetweenTeams() {
        // given
        String key = UUID.randomUUID().toString();
        String body = "{\"email\": \"same@example.com\", \"role\": \"member\"}";
        String first = app.newUser("team-" + UUID.randomUUID(), "owner");
        String second = app.newUser("team-" + UUID.randomUUID(), "owner");
        JsonNode mine = body(success(post(app.client(), first, "/v4/users", key, body), 201));

        // when
        JsonNode theirs = body(success(post(app.client(), second, "/v4/users", key, body), 201));

        // then
        assertThat(theirs.at("/data/id").stringValue()).isNotEqualTo(mine.at("/data/id").stringValue());
    }

    @Test
    void shouldNotReplayATeammatesResponse() {
        // given
        String team = "team-" + UUID.randomUUID();
        String owner = app.newUser(team, "owner");
        String member = app.newUser(team, "member");
        String key = UUID.randomUUID().toString();
        String body = "{\"email\": \"new@example.com\", \"role\": \"admin\"}";
        success(post(app.client(), owner, "/v4/users", key, body), 201);

        // when / then: the member neither gets the new user's key nor creates one
        failure(post(app.client(), member, "/v4/users", key, body), 409, "conflict");
    }

    @Test
    void shouldRunConcurrentDuplicatesOnlyOnce() {
        // given
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        String key = UUID.randomUUID().toString();
        String body = "{\"email\": \"race@example.com\", \"role\": \"member\"}";
        WebTestClient client = app.client();

        // when: eight threads released together
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CyclicBarrier gate = new CyclicBarrier(8);
        List<EntityExchangeResult<byte[]>> results;
        try {
            results = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        await(gate);
                        return post(client, owner, "/v4/users", key, body).expectBody().returnResult();
                    }, threads))
                    .toList().stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }

        // then: one ran, the others waited for its answer and got it
        assertThat(results).extracting(r -> r.getStatus().value()).containsOnly(201);
        assertThat(results.stream().map(r -> new String(r.getResponseBody())).distinct()).hasSize(1);
        success(get(client, owner, "/v4/users"), 200).jsonPath("$.data.length()").isEqualTo(2);
    }

    @Test
    void shouldRunARequestOnceWhenTwoGatewaysGetItAtOnce() {
        // given a second gateway on the same broker that knows the caller
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        try (IsolatedGateway other = IsolatedGateway.start(Map.of())) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> get(other.client(), owner, "/v4/users").returnResult(byte[].class).getStatus().value() == 200);
            List<WebTestClient> gateways = List.of(app.client(), other.client());
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 50; round++) {
                    // when the same request with the same key reaches both at once
                    String key = UUID.randomUUID().toString();
                    String body = "{\"email\": \"twice-" + round + "@example.com\", \"role\": \"member\"}";
                    CyclicBarrier gate = new CyclicBarrier(2);
                    List<EntityExchangeResult<byte[]>> answers = gateways.stream()
                            .map(gateway -> CompletableFuture.supplyAsync(() -> {
                                await(gate);
                                return post(gateway, owner, "/v4/users", key, body).expectBody().returnResult();
                            }, threads))
                            .toList().stream().map(CompletableFuture::join).toList();

                    // then both get the one answer
                    assertThat(answers).as("round %d", round).extracting(r -> r.getStatus().value()).containsOnly(201);
                    assertThat(new String(answers.get(0).getResponseBody())).as("round %d", round)
                            .isEqualTo(new String(answers.get(1).getResponseBody()));
                }
            } finally {
                threads.shutdownNow();
            }

            // and each ran exactly once: the owner and one user per round
            success(get(app.client(), owner, "/v4/users?limit=100"), 200).jsonPath("$.data.length()").isEqualTo(51);
        }
    }

    @Test
    void shouldGiveRequestsThatWaitedTheFirstOnesFailureAndThenRunAgain() {
        // given
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        String key = UUID.randomUUID().toString();
        String invalid = "{\"email\": \"not an address\", \"role\": \"member\"}";
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CyclicBarrier gate = new CyclicBarrier(4);
        List<EntityExchangeResult<byte[]>> answers;
        try {
            // when four copies of an invalid request race
            answers = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                await(gate);
                return post(app.client(), owner, "/v4/users", key, invalid).expectBody().returnResult();
            }, threads)).toList().stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }

        // then all get the same 422, and the key is free again for the corrected request
        assertThat(answers).extracting(r -> r.getStatus().value()).containsOnly(422);
        assertThat(answers.stream().map(r -> new String(r.getResponseBody())).distinct()).hasSize(1);
        success(post(app.client(), owner, "/v4/users", key, invalid.replace("not an address", "fixed@example.com")), 201);
    }

    @Test
    void shouldStoreResponsesEncrypted() {
        // given
        String team = "team-" + UUID.randomUUID();
        String owner = app.newUser(team, "owner");
        String key = UUID.randomUUID().toString();

        // when
        String apiKey = body(success(post(app.client(), owner, "/v4/users", key, "{\"email\": \"enc@example.com\", \"role\": \"member\"}"), 201))
                .at("/data/apiKey").stringValue();

        // then
        List<ConsumerRecord<String, IdempotentResponse>> records = TestKafka.consumeUntil(Topics.IDEMPOTENCY, "idem-it-" + UUID.randomUUID(),
                read -> read.stream().anyMatch(r -> (team + "|" + key).equals(r.key())
                        && r.value().getKind() == io.hookline.schemas.avro.IdempotencyEntryKind.RESPONSE), Duration.ofSeconds(30));
        IdempotentResponse stored = records.stream().filter(r -> (team + "|" + key).equals(r.key())).map(ConsumerRecord::value)
                .filter(r -> r.getKind() == io.hookline.schemas.avro.IdempotencyEntryKind.RESPONSE).findFirst().orElseThrow();
        assertThat(stored.getStatus()).isEqualTo(201);
        assertThat(stored.getRequestHash()).matches("[0-9a-f]{64}");
        assertThat(stored.getBody()).doesNotContain(apiKey).doesNotContain("enc@example.com");
    }

    @Test
    void shouldRefuseAnUnusableKey() {
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        failure(post(app.client(), owner, "/v4/users", "not ascii é", "{\"email\": \"k@example.com\", \"role\": \"member\"}"), 422,
                "validation_failed").jsonPath("$.error.details[0].field").isEqualTo("Idempotency-Key");
    }

    @Test
    void shouldReplayAfterARestart() {
        // given: a first response from one gateway instance, which then stops
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        String key = UUID.randomUUID().toString();
        String body = "{\"email\": \"restart@example.com\", \"role\": \"member\"}";
        byte[] first;
        try (IsolatedGateway before = IsolatedGateway.start(Map.of())) {
            first = success(post(before.client(), owner, "/v4/users", key, body), 201).returnResult().getResponseBody();
        }

        // when: a new instance on the same broker gets the same request
        try (IsolatedGateway after = IsolatedGateway.start(Map.of())) {
            EntityExchangeResult<byte[]> replayed = success(post(after.client(), owner, "/v4/users", key, body), 201).returnResult();

            // then
            assertThat(replayed.getResponseBody()).isEqualTo(first);
            assertThat(replayed.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
            success(get(after.client(), owner, "/v4/users"), 200).jsonPath("$.data.length()").isEqualTo(2);
        }
    }

    private static WebTestClient.ResponseSpec post(WebTestClient client, String apiKey, String path, String idempotencyKey, String body) {
        return client.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static WebTestClient.ResponseSpec get(WebTestClient client, String apiKey, String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey).exchange();
    }

    private static void await(CyclicBarrier gate) {
        try {
            gate.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode body(WebTestClient.BodyContentSpec spec) {
        return MAPPER.readTree(spec.returnResult().getResponseBody());
    }
}
