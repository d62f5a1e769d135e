package io.hookline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.testsupport.openapi.ContractFilters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attack: a team registers an event type whose schema has catastrophic-backtracking patterns and
 * posts events built to trigger them, to stall the gateway for every other team. The issue's
 * {@code ^(a+)+$} is one; JDK 9+ memoizes that simple nesting, so {@code ^(.*a){12}$} is the one that
 * really stalls JDK 17's engine (measured here: 30 a's and a '!' take 8 s, growing as n^12, so 46
 * take tens of minutes), one stuck thread per request. Here each answer must come within a deadline
 * far below that, the other team's included.
 */
class EventSchemaRegexIT {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** More than Reactor Netty's event loops (max(cores, 4)), so a backtracking engine would block every one. */
    private static final int EVIL_REQUESTS = 8;
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static GatewayTestApp app;
    private static HttpClient http;

    @BeforeAll
    static void startGateway() {
        app = GatewayTestApp.shared();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void shouldAnswerEvilEventsPromptlyWhileAnotherTeamIsServed() throws Exception {
        // given team A's type with a pattern that backtracking engines take exponential time on
        String attacker = app.newUser("team-" + UUID.randomUUID(), "admin");
        String victim = app.newUser("team-" + UUID.randomUUID(), "member");
        HttpResponse<String> registered = post(attacker, "/v4/event-types", Map.of("type", "evil.pattern", "description", "Backtracks.",
                "schema", Map.of("type", "object", "properties", Map.of(
                        "code", Map.of("type", "string", "pattern", "^(a+)+$"),
                        "spread", Map.of("type", "string", "pattern", "^(.*a){12}$"))))).join();
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        // when team A posts events built to backtrack, on connections of their own, and team B posts at once
        String evil = "a".repeat(46) + "!";
        List<CompletableFuture<HttpResponse<String>>> attacks = IntStream.range(0, EVIL_REQUESTS)
                .mapToObj(i -> post(attacker, "/v4/events", Map.of("type", "evil.pattern", "data", Map.of("code", evil, "spread", evil))))
                .toList();
        CompletableFuture<HttpResponse<String>> otherTeam = post(victim, "/v4/events", Map.of("type", "user.created",
                "data", Map.of("user", Map.of("id", "user_1", "email", "b@example.com", "name", "B", "role", "member"))));
        CompletableFuture<HttpResponse<String>> otherTeamRead = get(victim, "/v4/event-types");

        // then team B is answered within the deadline, while team A's requests are still in flight or done
        HttpResponse<String> served = otherTeam.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(served.statusCode()).as(served.body()).isEqualTo(202);
        assertThat(otherTeamRead.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);

        // and every evil event is judged by the schema: '!' matches neither pattern, so 422 naming both fields
        for (CompletableFuture<HttpResponse<String>> attack : attacks) {
            HttpResponse<String> answer = attack.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
            JsonNode details = MAPPER.readTree(answer.body()).at("/error/details");
            assertThat(details.valueStream().map(d -> d.get("field").stringValue())).containsExactlyInAnyOrder("data.code", "data.spread");
        }
    }

    @Test
    void shouldAcceptAnEventThatMatchesTheSamePattern() throws Exception {
        String team = app.newUser("team-" + UUID.randomUUID(), "admin");
        assertThat(post(team, "/v4/event-types", Map.of("type", "evil.pattern", "description", "Backtracks.",
                "schema", Map.of("type", "object", "properties", Map.of("code", Map.of("type", "string", "pattern", "^(a+)+$")))))
                .join().statusCode()).isEqualTo(201);

        HttpResponse<String> answer = post(team, "/v4/events", Map.of("type", "evil.pattern", "data", Map.of("code", "a".repeat(46))))
                .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    @Test
    void shouldRefuseAtRegistrationAPatternThatRe2CannotCompile() throws Exception {
        String team = app.newUser("team-" + UUID.randomUUID(), "admin");

        HttpResponse<String> answer = post(team, "/v4/event-types", Map.of("type", "look.ahead", "description", "Needs backtracking.",
                "schema", Map.of("type", "object", "properties", Map.of("code", Map.of("type", "string", "pattern", "^(?=x)x+$")))))
                .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        JsonNode detail = MAPPER.readTree(answer.body()).at("/error/details/0");
        assertThat(detail.get("field").stringValue()).isEqualTo("schema.properties.code.pattern");
        assertThat(detail.get("problem").stringValue()).contains("^(?=x)x+$");
    }

    private static CompletableFuture<HttpResponse<String>> post(String key, String path, Object body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(DEADLINE.plusSeconds(10))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> ContractFilters.checked(GatewayTestApp.CONTRACT, response));
    }

    private static CompletableFuture<HttpResponse<String>> get(String key, String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(DEADLINE.plusSeconds(10))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> ContractFilters.checked(GatewayTestApp.CONTRACT, response));
    }
}
