package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.failure;
import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.principal.Role;
import io.hookline.testsupport.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attack: a member of team B writes SQL to read team A's rows, the gateway's files or the machine's,
 * or to tie the gateway up. A gateway of the test's own with its own tables store directory, a
 * 2-second statement timeout and a 5-row answer cap, on the real broker, DuckDB and HTTP.
 */
class TableSqlIT {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static Path storeDir;
    private static IsolatedGateway gateway;
    private static WebTestClient client;

    @BeforeAll
    static void start() {
        storeDir = GatewayTestApp.tempDir();
        gateway = IsolatedGateway.start(settings(storeDir));
        client = gateway.client();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        TestFiles.deleteRecursively(storeDir);
    }

    @Test
    void shouldAnswerATeamsQueryOverItsOwnTablesOnly() {
        // given team A's secret table and team B's own
        String teamA = "team-" + UUID.randomUUID();
        String a = gateway.newUser(teamA, Role.MEMBER);
        String b = gateway.newUser("team-" + UUID.randomUUID(), Role.MEMBER);
        success(write(client, a, "secrets", List.of(Map.of("secret", "a-only"))), 201);
        success(write(client, b, "orders", List.of(Map.of("id", 1, "total", 9.5), Map.of("id", 2, "total", 20, "note", "late"))), 201);

        // when team B queries its table with a parameter, then it gets typed columns and rows
        JsonNode answer = data(success(sql(b, "SELECT id, total, note FROM orders WHERE id >= ? ORDER BY id", List.of(1)), 200));
        assertThat(answer.at("/columns").toString()).isEqualTo(
                "[{\"name\":\"id\",\"type\":\"BIGINT\"},{\"name\":\"total\",\"type\":\"DOUBLE\"},{\"name\":\"note\",\"type\":\"VARCHAR\"}]");
        assertThat(answer.at("/rows").toString()).isEqualTo("[[1,9.5,null],[2,20.0,\"late\"]]");
        assertThat(answer.at("/truncated").booleanValue()).isFalse();

        // and team B's list of tables is its own
        JsonNode tables = data(success(client.get().uri("/v4/tables").header(HttpHeaders.AUTHORIZATION, "Bearer " + b).exchange(), 200));
        assertThat(tables.at("/tables").toString()).isEqualTo("[{\"name\":\"orders\",\"rows\":2}]");

        // and whatever team B tries, team A's table and the machine's files are out of reach, with a 422 that says why
        String fileOfA = storeDir.resolve("team-" + HexFormat.of().formatHex(sha256(teamA), 0, 16) + ".duckdb").toString();
        assertThat(Path.of(fileOfA)).exists();
        for (String attempt : List.of("SELECT * FROM secrets", "ATTACH '" + fileOfA + "' AS a", "SELECT * FROM read_csv('/etc/passwd')",
                "COPY orders TO '" + storeDir.resolve("out.csv") + "'", "SELECT path FROM duckdb_databases()", "SELECT 1; DROP TABLE orders",
                "INSTALL httpfs", "SET enable_external_access = true")) {
            String body = new String(failure(sql(b, attempt, List.of()), 422, "validation_failed").returnResult().getResponseBody());
            assertThat(body).as(attempt).doesNotContain("a-only").doesNotContain("at io.hookline").doesNotContain("Exception");
        }
        assertThat(Files.exists(storeDir.resolve("out.csv"))).isFalse();
        assertThat(data(success(sql(b, "SELECT count(*) AS n FROM orders", List.of()), 200)).at("/rows/0/0").asLong()).isEqualTo(2);
    }

    @Test
    void shouldCancelALongQueryWith422AndStayHealthy() {
        String member = gateway.newUser("team-" + UUID.randomUUID(), Role.MEMBER);
        success(write(client, member, "t", List.of(Map.of("n", 1))), 201);

        failure(sql(member, "SELECT count(*) FROM range(1000000000) a, range(1000000000) b", List.of()), 422, "validation_failed")
                .jsonPath("$.error.details[0].problem").value(problem -> assertThat((String) problem).contains("cancelled"));

        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        assertThat(data(success(sql(member, "SELECT n FROM t", List.of()), 200)).at("/rows").toString()).isEqualTo("[[1]]");
    }

    @Test
    void shouldCapAnAnswersRowsAndSaySo() {
        String member = gateway.newUser("team-" + UUID.randomUUID(), Role.MEMBER);
        success(write(client, member, "t", List.of(Map.of("n", 1))), 201);

        JsonNode answer = data(success(sql(member, "SELECT * FROM range(100)", List.of()), 200));

        assertThat(answer.at("/rows")).hasSize(5);
        assertThat(answer.at("/truncated").booleanValue()).isTrue();
    }

    @Test
    void shouldRefuseABodyWithoutAQueryAndSayWhichField() {
        String member = gateway.newUser("team-" + UUID.randomUUID(), Role.MEMBER);

        failure(client.post().uri("/v4/sql").header(HttpHeaders.AUTHORIZATION, "Bearer " + member).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("params", List.of(Map.of()))).exchange(), 422, "validation_failed")
                .jsonPath("$.error.details[0].field").isEqualTo("query");
    }

    @Test
    void shouldRebuildADeletedDatabaseFromTheTopicOnRestart() throws IOException {
        // given a gateway of its own that stored a team's rows, and then stopped
        Path dir = GatewayTestApp.tempDir();
        IsolatedGateway first = IsolatedGateway.start(settings(dir));
        String member = first.newUser("team-" + UUID.randomUUID(), Role.MEMBER);
        success(write(first.client(), member, "kept", IntStream.range(0, 3).mapToObj(i -> Map.<String, Object>of("i", i)).toList()), 201);
        first.close();

        // when its files are deleted and it starts again on the same directory
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).isNotEmpty();
        }
        TestFiles.deleteRecursively(dir);
        IsolatedGateway second = IsolatedGateway.start(settings(dir));
        try {
            // then the team's rows are there again, read back from the topic
            String key = second.newUser("team-other-" + UUID.randomUUID(), Role.MEMBER); // the restarted gateway is up
            assertThat(key).isNotBlank();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    data(success(second.client().get().uri("/v4/tables/kept/rows").header(HttpHeaders.AUTHORIZATION, "Bearer " + member)
                            .exchange(), 200)).at("/rows").toString()).isEqualTo("[{\"i\":0},{\"i\":1},{\"i\":2}]"));
        } finally {
            second.close();
            TestFiles.deleteRecursively(dir);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> settings(Path dir) {
        Map<String, String> settings = new HashMap<>();
        settings.put("hookline.gateway.tables.store-dir", dir.toString());
        settings.put("hookline.gateway.tables.query-timeout", "2s");
        settings.put("hookline.gateway.tables.query-max-rows", "5");
        return settings;
    }

    private static WebTestClient.ResponseSpec sql(String key, String query, List<Object> params) {
        return client.post().uri("/v4/sql").header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", query, "params", params)).exchange();
    }

    private static WebTestClient.ResponseSpec write(WebTestClient client, String key, String table, List<Map<String, Object>> rows) {
        return client.post().uri("/v4/tables/" + table + "/rows").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("rows", rows)).exchange();
    }

    private static JsonNode data(WebTestClient.BodyContentSpec body) {
        return MAPPER.readTree(body.returnResult().getResponseBody()).get("data");
    }
}
