package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * One writer of users and docs across gateway instances: a key's revoke through gateway A and its rotation
 * through gateway B at the same instant, two creations of one email through A and B, a doc's archive
 * through A and its PUT through B; each round ends as some serial order of the two would leave it, and both
 * gateways answer the same.
 */
class PrincipalsAndDocsAcrossGatewaysIT extends SharedGatewayWithReceiver {

    private static final int ROUNDS = 20;

    private static IsolatedGateway other;

    @BeforeAll
    static void startTheOtherGateway() {
        other = IsolatedGateway.start(Map.of());
    }

    @AfterAll
    static void stopTheOtherGateway() {
        other.close();
    }

    @Test
    void shouldNeverLetARevokedKeyComeBackWhenARotationRacesTheRevoke() throws Exception {
        // given a member, known as active to both gateways
        String team = "team-" + UUID.randomUUID();
        String admin = app.newUser(team, "admin");
        WebTestClient a = client;
        WebTestClient b = other.client();
        String userId = body(success(send(a, admin, HttpMethod.POST, "/v4/users", Map.of("email", "m@example.com", "role", "member")), 201))
                .at("/data/id").stringValue();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                int r = round;
                await().atMost(Duration.ofSeconds(30)).until(() -> keyStatus(a, admin, userId).equals("active")
                        && keyStatus(b, admin, userId).equals("active"));
                CyclicBarrier together = new CyclicBarrier(2);
                // when A revokes the key and B rotates it at the same instant
                CompletableFuture<Integer> revoked = CompletableFuture.supplyAsync(atOnce(together,
                        () -> status(send(a, admin, HttpMethod.DELETE, "/v4/api-keys/" + userId, null))), pool);
                CompletableFuture<EntityExchangeResult<byte[]>> rotated = CompletableFuture.supplyAsync(atOnce(together,
                        () -> send(b, admin, HttpMethod.POST, "/v4/api-keys/" + userId + "/rotate", Map.of()).expectBody().returnResult()), pool);
                CompletableFuture.allOf(revoked, rotated).get(60, TimeUnit.SECONDS);

                // then the revoke stands: the rotation was either before it or refused for the key it rotated being gone
                assertThat(revoked.get()).as("round %d: revoke", r).isEqualTo(204);
                int rotation = rotated.get().getStatus().value();
                assertThat(rotation).as("round %d: rotate answers 200 or 409", r).isIn(200, 409);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(keyStatus(a, admin, userId)).as("round %d: revoked stays revoked (A)", r).isEqualTo("revoked");
                    assertThat(keyStatus(b, admin, userId)).as("round %d: revoked stays revoked (B)", r).isEqualTo("revoked");
                });
                if (rotation == 200) {
                    String rotatedKey = MAPPER.readTree(rotated.get().getResponseBody()).at("/data/apiKey").stringValue();
                    assertThat(status(send(a, rotatedKey, HttpMethod.GET, "/v4/users/" + userId, null))).as("round %d: the rotated key", r)
                            .isEqualTo(401);
                }
                // and a rotation of the key as it is now (revoked) gives the user a key again, for the next round
                assertThat(status(send(a, admin, HttpMethod.POST, "/v4/api-keys/" + userId + "/rotate", Map.of()))).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldCreateOneUserPerEmailWhenTwoGatewaysAreAskedAtOnce() throws Exception {
        // given a team's admin
        String team = "team-" + UUID.randomUUID();
        String admin = app.newUser(team, "admin");
        WebTestClient a = client;
        WebTestClient b = other.client();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                int r = round;
                String email = "same-" + r + "@example.com";
                CyclicBarrier together = new CyclicBarrier(2);
                // when A and B are asked to create a user with one email at the same instant
                CompletableFuture<Integer> throughA = CompletableFuture.supplyAsync(atOnce(together,
                        () -> status(send(a, admin, HttpMethod.POST, "/v4/users", Map.of("email", email, "role", "member")))), pool);
                CompletableFuture<Integer> throughB = CompletableFuture.supplyAsync(atOnce(together,
                        () -> status(send(b, admin, HttpMethod.POST, "/v4/users", Map.of("email", email, "role", "member")))), pool);
                CompletableFuture.allOf(throughA, throughB).get(60, TimeUnit.SECONDS);

                // then one was created and the other refused as a conflict
                assertThat(List.of(throughA.get(), throughB.get())).as("round %d", r).containsExactlyInAnyOrder(201, 409);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(usersWith(a, admin, email)).as("round %d: one user with the email (A)", r).isEqualTo(1);
                    assertThat(usersWith(b, admin, email)).as("round %d: one user with the email (B)", r).isEqualTo(1);
                });
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldKeepADocArchivedAndEditedWhenArchiveAndPutRaceThroughTwoGateways() throws Exception {
        // given a doc, known to both gateways
        String key = app.newUser("team-" + UUID.randomUUID(), "admin");
        WebTestClient a = client;
        WebTestClient b = other.client();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                int r = round;
                String id = body(success(send(a, key, HttpMethod.POST, "/v4/docs", doc("doc " + r)), 201)).at("/data/id").stringValue();
                await().atMost(Duration.ofSeconds(30)).until(() -> status(send(b, key, HttpMethod.GET, "/v4/docs/" + id, null)) == 200);
                CyclicBarrier together = new CyclicBarrier(2);
                // when A archives the doc and B replaces it at the same instant
                CompletableFuture<Integer> archived = CompletableFuture.supplyAsync(atOnce(together,
                        () -> status(send(a, key, HttpMethod.POST, "/v4/docs/" + id + "/archive", null))), pool);
                CompletableFuture<Integer> replaced = CompletableFuture.supplyAsync(atOnce(together,
                        () -> status(send(b, key, HttpMethod.PUT, "/v4/docs/" + id, doc("edited " + r)))), pool);
                CompletableFuture.allOf(archived, replaced).get(60, TimeUnit.SECONDS);

                // then both changes survive, as either order of the two would leave them, through both gateways
                assertThat(List.of(archived.get(), replaced.get())).as("round %d", r).containsExactly(200, 200);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode throughA = body(success(send(a, key, HttpMethod.GET, "/v4/docs/" + id, null), 200)).path("data");
                    assertThat(throughA.path("archived").asBoolean()).as("round %d: the archive survives", r).isTrue();
                    assertThat(throughA.path("name").asString()).as("round %d: the PUT survives", r).isEqualTo("edited " + r);
                    assertThat(body(success(send(b, key, HttpMethod.GET, "/v4/docs/" + id, null), 200)).path("data"))
                            .as("round %d: both gateways answer the same", r).isEqualTo(throughA);
                });
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Object> doc(String name) {
        return Map.of("name", name, "datasets", List.of(Map.of("key", "main", "code", "print(1)")));
    }

    private static String keyStatus(WebTestClient gateway, String key, String userId) {
        return body(success(send(gateway, key, HttpMethod.GET, "/v4/users/" + userId, null), 200)).at("/data/keyStatus").stringValue();
    }

    private static long usersWith(WebTestClient gateway, String key, String email) {
        JsonNode users = body(success(send(gateway, key, HttpMethod.GET, "/v4/users", null), 200)).path("data");
        return StreamSupport.stream(users.spliterator(), false).filter(u -> email.equals(u.path("email").asString())).count();
    }

    private static <T> Supplier<T> atOnce(CyclicBarrier together, Supplier<T> work) {
        return () -> {
            try {
                together.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the two requests did not start together", e);
            }
            return work.get();
        };
    }

    private static int status(WebTestClient.ResponseSpec spec) {
        return spec.returnResult(byte[].class).getStatus().value();
    }

    private static WebTestClient.ResponseSpec send(WebTestClient gateway, String key, HttpMethod method, String path, Object body) {
        WebTestClient.RequestBodySpec request = gateway.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static JsonNode body(WebTestClient.BodyContentSpec spec) {
        return MAPPER.readTree(spec.returnResult().getResponseBody());
    }
}
