package io.hookline.standalone.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.standalone.HooklineClient;
import io.hookline.standalone.Standalone;
import io.hookline.standalone.cli.TeamsCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two teams on one platform whose executor has a single warm sandbox, so team B's datasets run in the
 * sandbox right after team A's: the attack a security review ran over the public API (team B scanning
 * its own memory and every readable file for team A's secret), contained, and both teams still served.
 */
class CrossTeamExecuteIT {

    @TempDir
    static Path data;
    static Standalone hookline;
    static ApiClient api;
    static String teamA;
    static String teamB;

    @BeforeAll
    static void start() throws Exception {
        hookline = Standalone.start(Map.of("hookline.data-dir", data.toString(), "server.port", "0", "hookline.embedded-kafka.port", "0",
                "hookline.executor.pool-size", "1"));
        api = new ApiClient(hookline.baseUrl());
        teamA = Files.readString(data.resolve("owner.key")).trim();
        teamB = new TeamsCommand(Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(new String[] {"create", "--name", "team-b-" + UUID.randomUUID(), "--bootstrap-servers", hookline.bootstrapServers()});
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(teamB, "/v4/users").status() == 200);
    }

    @AfterAll
    static void stop() {
        hookline.close();
    }

    @Test
    void shouldNotLetTeamBFindTeamAsSecretAndServeBothTeamsAfterwards() {
        // given team A's doc, which keeps the secret it is executed with in memory and in a file of its own /tmp
        String docA = createDoc(teamA, """
                import os
                kept = [os.environ["TEAM_A_SECRET"] * 2]
                open("/tmp/mine", "w").write(kept[0])
                print("a ran")
                """);
        // and team B's doc, which scans every readable page of its own process and every file it can read
        String docB = createDoc(teamB, SCAN);

        for (int round = 0; round < 3; round++) {
            String secret = "HLSECRET-" + HexFormat.of().formatHex(randomBytes());

            // when team A executes with the secret, then team B executes its scan
            JsonNode resultA = execute(teamA, docA, "{\"environmentVariables\": {\"TEAM_A_SECRET\": \"" + secret + "\"}}");
            JsonNode resultB = execute(teamB, docB, "{}");

            // then team A's run succeeded and team B's scan worked (it found its own planted secret) but not team A's
            assertThat(resultA.path("success").asBoolean()).as(resultA.toString()).isTrue();
            assertThat(resultB.path("success").asBoolean()).as(resultB.toString()).isTrue();
            String scan = stdout(teamB, resultB);
            String own = scan.lines().filter(l -> l.startsWith("OWN ")).findFirst().orElseThrow().substring(4);
            assertThat(scan).contains("FOUND " + own, "files read").doesNotContain(secret.substring("HLSECRET-".length()));
        }

        // and both teams' next executions still run
        assertThat(stdout(teamA, execute(teamA, docA, "{\"environmentVariables\": {\"TEAM_A_SECRET\": \"x\"}}"))).isEqualTo("a ran\n");
        assertThat(execute(teamB, docB, "{}").path("success").asBoolean()).isTrue();
    }

    private static JsonNode execute(String key, String docId, String body) {
        HooklineClient.Response response = api.post(key, "/v4/webhook/docs/" + docId + "/execute", body);
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
        return response.body().path("data").path("results").get(0);
    }

    private static String stdout(String key, JsonNode result) {
        return api.get(key, "/v4/executions/" + result.path("executionId").asString()).body().path("data").path("stdout").asString();
    }

    private static String createDoc(String key, String code) {
        HooklineClient.Response created = api.post(key, "/v4/docs", """
                {"name": "Isolation", "datasets": [{"key": "only", "code": %s, "timeoutMs": 30000}]}
                """.formatted(HooklineClient.JSON.writeValueAsString(code)));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return created.body().path("data").path("id").asString();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** Finds HLSECRET- and 32 hex digits in its own memory and in every regular file outside /proc, /sys and /usr. */
    private static final String SCAN = """
            import os, re, stat
            prefix = "HLSECRET" + "-"
            own = prefix + os.urandom(16).hex()
            kept = [own * 2]
            print("OWN " + own)
            pattern = re.compile(re.escape(prefix.encode()) + b"[0-9a-f]{32}")
            found = set()
            with open("/proc/self/maps") as maps, open("/proc/self/mem", "rb", 0) as mem:
                for line in maps.read().splitlines():
                    fields = line.split()
                    start, end = (int(x, 16) for x in fields[0].split("-"))
                    if not fields[1].startswith("r") or line.endswith(("[vvar]", "[vsyscall]", "[vvar_vclock]")):
                        continue
                    try:
                        mem.seek(start)
                        found.update(m.group().decode() for m in pattern.finditer(mem.read(end - start)))
                    except (OSError, OverflowError, ValueError):
                        pass
            files = 0
            for place, dirs, names in os.walk("/"):
                dirs[:] = [d for d in dirs if os.path.join(place, d) not in ("/proc", "/sys", "/usr")]
                for name in names:
                    path = os.path.join(place, name)
                    try:
                        if stat.S_ISREG(os.lstat(path).st_mode):
                            with open(path, "rb") as f:
                                found.update(m.group().decode() for m in pattern.finditer(f.read(1 << 20)))
                            files += 1
                    except OSError:
                        pass
            print("files read", files)
            for secret in sorted(found):
                print("FOUND " + secret)
            """;
}
