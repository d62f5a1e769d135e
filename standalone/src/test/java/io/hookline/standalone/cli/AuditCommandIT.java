package io.hookline.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hookline.gateway.GatewayApplication;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.standalone.HooklineClient;
import io.hookline.testsupport.SharedKafka;
import io.hookline.testsupport.openapi.ContractFilters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code hookline audit} against a real broker, printing what changes through the real gateway wrote. */
class AuditCommandIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;
    private static String team;
    private static String ownerId;
    private static String userId;
    private static String userKey;
    private static String from;

    @BeforeAll
    static void changeThings() {
        gateway = new SpringApplicationBuilder(GatewayApplication.class).registerShutdownHook(false).run(
                "--server.port=0", "--hookline.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--hookline.secrets.key=" + SecretCipher.generateKey());
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).filter(ContractFilters.validating(HooklineClient.CONTRACT)).build();
        // a team made with the CLI, whose owner registers an event type and adds a user, then rotates that user's key
        team = "team-" + UUID.randomUUID();
        from = Instant.now().minusSeconds(1).toString();
        String owner = new TeamsCommand(Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(new String[] {"create", "--name", team,
                "--bootstrap-servers", SharedKafka.bootstrapServers()});
        ownerId = owner.substring(0, owner.indexOf('-'));
        await().atMost(Duration.ofSeconds(30)).until(() -> call(owner, "GET", "/v4/users", null).expectBody().returnResult().getStatus().value() == 200);
        call(owner, "POST", "/v4/event-types", Map.of("type", "audit.cli" + UUID.randomUUID().toString().substring(0, 8), "description", "cli",
                "schema", Map.of("type", "object"), "sample", Map.of())).expectStatus().isCreated();
        JsonNode user = JSON.readTree(call(owner, "POST", "/v4/users", Map.of("email", "cli@example.com", "role", "member"))
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        userId = user.at("/data/id").stringValue();
        userKey = JSON.readTree(call(owner, "POST", "/v4/api-keys/" + userId + "/rotate", null).expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).at("/data/apiKey").stringValue();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void shouldPrintTheTeamsEntriesOldestFirstAsJsonLines() {
        List<String> lines = run("--from", from, "--team", team, "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(lines).extracting(l -> json(l).at("/action").stringValue() + " " + json(l).at("/resource/type").stringValue())
                .containsExactly("create user", "create event_type", "create user", "rotate api_key");
        // the team's owner, made by `hookline teams create`, is the CLI's entry
        JsonNode owner = json(lines.get(0));
        assertThat(owner.at("/resource/id").stringValue()).isEqualTo(ownerId);
        assertThat(owner.at("/actor/type").stringValue()).isEqualTo("system");
        assertThat(owner.at("/actor/id").stringValue()).isEqualTo("cli");
        JsonNode rotation = json(lines.get(3));
        assertThat(rotation.at("/teamId").stringValue()).isEqualTo(team);
        assertThat(rotation.at("/actor/id").stringValue()).isEqualTo(ownerId);
        assertThat(rotation.at("/actor/role").stringValue()).isEqualTo("owner");
        assertThat(rotation.at("/resource/id").stringValue()).isEqualTo(userId);
        assertThat(rotation.at("/requestId").stringValue()).startsWith("req_");
        assertThat(rotation.at("/before/email").stringValue()).isEqualTo("cli@example.com");
        assertThat(String.join("\n", lines)).doesNotContain(userKey).doesNotContain(userKey.substring(userKey.indexOf('-') + 1));
    }

    @Test
    void shouldFilterByActorAndResourceAndPrintText() {
        List<String> lines = run("--from", from, "--team", team, "--actor", ownerId, "--resource", userId, "--format", "text",
                "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains(team, ownerId + " (owner, api)", "create user " + userId, "email - → \"cli@example.com\"");
        assertThat(lines.get(1)).contains("rotate api_key " + userId);
        assertThat(run("--from", from, "--team", team, "--actor", "usr_nobody", "--bootstrap-servers", SharedKafka.bootstrapServers())).isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownFormatAndAnEmptyWindow() {
        assertThatThrownBy(() -> run("--format", "xml")).isInstanceOf(CliException.class).hasMessageContaining("json or text");
        assertThatThrownBy(() -> run("--from", "2026-03-28T10:00:00Z", "--to", "2026-03-28T09:00:00Z"))
                .isInstanceOf(CliException.class).hasMessageContaining("--to must be after --from");
    }

    private static List<String> run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AuditCommand(Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8)).run(args);
        String text = out.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static JsonNode json(String line) {
        return JSON.readTree(line);
    }

    private static WebTestClient.ResponseSpec call(String key, String method, String path, Object body) {
        WebTestClient.RequestBodySpec request = client.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
