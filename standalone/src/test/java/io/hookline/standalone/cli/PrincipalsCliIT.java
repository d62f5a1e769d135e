package io.hookline.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.gateway.GatewayApplication;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.principal.ApiKey;
import io.hookline.testsupport.SharedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The CLI and the one writer of {@code hookline.principals}: with a gateway running it asks the gateway's
 * owner, so two runs adding one email at once create one user; with none (a first set-up) it writes alone.
 */
class PrincipalsCliIT {

    @Test
    void shouldCreateOneUserWhenTwoCliRunsAddTheSameEmailAtOnceWhileAGatewayRuns() throws Exception {
        // given a gateway, and a team created by the CLI
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).registerShutdownHook(false).run(
                "--server.port=0", "--hookline.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--hookline.secrets.key=" + SecretCipher.generateKey())) {
            String team = "team-" + UUID.randomUUID();
            String ownerKey = teams("create", "--name", team, "--bootstrap-servers", SharedKafka.bootstrapServers());

            // when two CLI runs add a user with one email at the same instant
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<String>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await(30, TimeUnit.SECONDS);
                        return users("create", "--email", "same@example.com", "--role", "admin", "--team", team,
                                "--bootstrap-servers", SharedKafka.bootstrapServers());
                    } catch (CliException e) {
                        return "refused: " + e.getMessage();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            List<String> answers = List.of(runs.get(0).get(120, TimeUnit.SECONDS), runs.get(1).get(120, TimeUnit.SECONDS));

            // then one created the user and the other was refused, and the topic holds the owner and that one user
            assertThat(answers).filteredOn(a -> a.startsWith("refused: ")).hasSize(1).allMatch(a -> a.contains("email"));
            String userKey = answers.stream().filter(a -> !a.startsWith("refused: ")).findFirst().orElseThrow();
            assertThat(members(team)).extracting(Principal::getKeyHash).containsExactlyInAnyOrder(hash(ownerKey), hash(userKey));
        }
    }

    @Test
    void shouldCreateATeamWithNoGatewayRunning() {
        // given no gateway (none of this class is running); when the CLI creates a team
        String team = "team-" + UUID.randomUUID();
        String ownerKey = teams("create", "--name", team, "--bootstrap-servers", SharedKafka.bootstrapServers());

        // then its owner is stored, with the key's hash
        assertThat(members(team)).extracting(Principal::getKeyHash).containsExactly(hash(ownerKey));
    }

    private static List<Principal> members(String team) {
        return new PrincipalStore(SharedKafka.bootstrapServers()).all().stream().filter(p -> p.getTeamId().equals(team)).toList();
    }

    private static String hash(String key) {
        return ApiKey.parse(key).orElseThrow().hash();
    }

    private static String teams(String... args) {
        return new TeamsCommand(Clock.systemUTC(), quiet(), quiet()).run(args);
    }

    private static String users(String... args) {
        return new UsersCommand(Clock.systemUTC(), quiet(), quiet()).run(args);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
