package io.hookline.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.gateway.GatewayApplication;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.Topics;
import io.hookline.standalone.HooklineClient;
import io.hookline.standalone.StandaloneApplication;
import io.hookline.testsupport.SharedKafka;
import io.hookline.testsupport.TestKafka;
import io.hookline.testsupport.openapi.ContractFilters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code hookline teams create} and {@code hookline users create} against a real broker, checked through the real gateway. */
class UsersCliIT {

    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        gateway = new SpringApplicationBuilder(GatewayApplication.class).registerShutdownHook(false).run(
                "--server.port=0", "--hookline.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--hookline.secrets.key=" + SecretCipher.generateKey());
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).filter(ContractFilters.validating(HooklineClient.CONTRACT)).build();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void shouldCreateATeamWhoseOwnerKeyWorks() {
        // given
        String team = "team-" + UUID.randomUUID();

        // when
        String key = teams("create", "--name", team, "--bootstrap-servers", SharedKafka.bootstrapServers());

        // then: the key alone on standard output, and the gateway knows its owner
        assertThat(stdout()).isEqualTo(key + "\n");
        assertThat(stderr()).contains("Created team '" + team + "'").doesNotContain(key);
        awaitUsers(key).jsonPath("$.data[0].teamId").isEqualTo(team).jsonPath("$.data[0].role").isEqualTo("owner");
    }

    @Test
    void shouldCreateAMemberInTheTeamWithAKeyThatMayOnlyRead() {
        // given
        String team = "team-" + UUID.randomUUID();
        String owner = teams("create", "--name", team, "--bootstrap-servers", SharedKafka.bootstrapServers());

        // when
        String member = users("create", "--email", "mia@example.com", "--role", "member", "--team", team,
                "--bootstrap-servers", SharedKafka.bootstrapServers());

        // then
        awaitUsers(member).jsonPath("$.data.length()").isEqualTo(2);
        client.post().uri("/v4/users").header(HttpHeaders.AUTHORIZATION, "Bearer " + member)
                .header(HttpHeaders.CONTENT_TYPE, "application/json").bodyValue("{\"email\":\"x@example.com\",\"role\":\"member\"}")
                .exchange().expectStatus().isForbidden();
        assertThat(owner).isNotEqualTo(member);
    }

    @Test
    void shouldAuditTheOwnerAndTheUserItCreatesAsTheCliWithoutTheirKeys() {
        // given
        String team = "team-" + UUID.randomUUID();

        // when
        String owner = teams("create", "--name", team, "--bootstrap-servers", SharedKafka.bootstrapServers());
        String member = users("create", "--email", "mia@example.com", "--role", "member", "--team", team,
                "--bootstrap-servers", SharedKafka.bootstrapServers());

        // then the team's audit log holds both creations, by the CLI through a command, in the gateway's shape
        awaitUsers(owner);
        String ownerId = owner.substring(0, owner.indexOf('-'));
        String memberId = member.substring(0, member.indexOf('-'));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.get().uri("/v4/audit-log?resource=user")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner).exchange().expectBody(String.class).returnResult()
                .getResponseBody().contains(memberId));
        String log = client.get().uri("/v4/audit-log?resource=user").header(HttpHeaders.AUTHORIZATION, "Bearer " + owner).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(log).doesNotContain(owner.substring(owner.indexOf('-') + 1)).doesNotContain(member.substring(member.indexOf('-') + 1));
        client.get().uri("/v4/audit-log?resource=user").header(HttpHeaders.AUTHORIZATION, "Bearer " + owner).exchange()
                .expectBody()
                .jsonPath("$.data.length()").isEqualTo(2)
                .jsonPath("$.data[?(@.resource.id == '" + ownerId + "')].action").isEqualTo("create")
                .jsonPath("$.data[?(@.resource.id == '" + ownerId + "')].reason").isEqualTo("hookline teams create")
                .jsonPath("$.data[?(@.resource.id == '" + memberId + "')].reason").isEqualTo("hookline users create")
                .jsonPath("$.data[?(@.resource.id == '" + memberId + "')].after.role").isEqualTo("member")
                .jsonPath("$.data[?(@.resource.id == '" + memberId + "')].after.keyStatus").isEqualTo("active")
                .jsonPath("$.data[*].actor.type").isEqualTo(List.of("system", "system"))
                .jsonPath("$.data[*].actor.id").isEqualTo(List.of("cli", "cli"))
                .jsonPath("$.data[*].actor.via").isEqualTo(List.of("command", "command"));
    }

    @Test
    void shouldStoreOnlyTheKeysHash() {
        // given
        String team = "team-" + UUID.randomUUID();

        // when
        String key = teams("create", "--name", team, "--email", "boss@example.com", "--bootstrap-servers", SharedKafka.bootstrapServers());

        // then
        String userId = key.substring(0, key.indexOf('-'));
        List<ConsumerRecord<String, Principal>> records = TestKafka.consumeUntil(Topics.PRINCIPALS, "cli-it-" + UUID.randomUUID(),
                read -> read.stream().anyMatch(r -> userId.equals(r.key())), Duration.ofSeconds(30));
        Principal stored = records.stream().filter(r -> userId.equals(r.key())).findFirst().orElseThrow().value();
        assertThat(stored.getEmail()).isEqualTo("boss@example.com");
        assertThat(stored.getKeyHash()).matches("[0-9a-f]{64}");
        assertThat(stored.toString()).doesNotContain(key.substring(key.indexOf('-') + 1));
    }

    @Test
    void shouldBeReachableFromTheHooklineCommand() {
        // given
        String team = "team-" + UUID.randomUUID();

        // when: as `./hookline teams create` and `./hookline users create` run it
        StandaloneApplication.main(new String[] {"teams", "create", "--name", team, "--bootstrap-servers", SharedKafka.bootstrapServers()});
        StandaloneApplication.main(new String[] {"users", "create", "--email", "cli@example.com", "--role", "admin", "--team", team,
                "--bootstrap-servers", SharedKafka.bootstrapServers()});

        // then
        List<ConsumerRecord<String, Principal>> records = TestKafka.consumeUntil(Topics.PRINCIPALS, "cli-it-" + UUID.randomUUID(),
                read -> read.stream().filter(r -> r.value() != null && team.equals(r.value().getTeamId())).count() == 2, Duration.ofSeconds(30));
        assertThat(records.stream().filter(r -> r.value() != null && team.equals(r.value().getTeamId())).map(r -> r.value().getRole().name()))
                .containsExactlyInAnyOrder("owner", "admin");
    }

    @Test
    void shouldRefuseATeamThatExists() {
        String team = "team-" + UUID.randomUUID();
        teams("create", "--name", team, "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThatThrownBy(() -> teams("create", "--name", team, "--bootstrap-servers", SharedKafka.bootstrapServers()))
                .isInstanceOf(CliException.class).hasMessageContaining("already exists");
    }

    @Test
    void shouldRefuseAUserOfATeamThatDoesNotExist() {
        assertThatThrownBy(() -> users("create", "--email", "a@example.com", "--role", "admin", "--team", "team-" + UUID.randomUUID(),
                "--bootstrap-servers", SharedKafka.bootstrapServers()))
                .isInstanceOf(CliException.class).hasMessageContaining("does not exist");
    }

    @Test
    void shouldRefuseToCreateAnOwnerWithUsersCreate() {
        assertThatThrownBy(() -> users("create", "--email", "a@example.com", "--role", "owner", "--bootstrap-servers", SharedKafka.bootstrapServers()))
                .isInstanceOf(CliException.class).hasMessageContaining("--role must be admin or member");
    }

    private WebTestClient.BodyContentSpec awaitUsers(String key) {
        // the gateway's view follows the topic: the CLI wrote straight to Kafka
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.get().uri("/v4/users")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange().returnResult(byte[].class).getStatus().value() == 200);
        return client.get().uri("/v4/users").header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.success").isEqualTo(true);
    }

    private String teams(String... args) {
        return new TeamsCommand(Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String users(String... args) {
        return new UsersCommand(Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
