package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.failure;
import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.principal.Role;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attack: one member of a team writes back rows until the gateway runs out of heap or quota, to take
 * the capacity of every other team. A gateway of the test's own, with a quota of 30 rows a day,
 * at most 20 rows in one write and 45 rows read an hour per team, over the real broker and HTTP.
 */
class TableQuotaIT {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static IsolatedGateway gateway;
    private static WebTestClient client;

    @BeforeAll
    static void start() {
        gateway = IsolatedGateway.start(Map.of("hookline.gateway.tables.quota-rows", "30", "hookline.gateway.tables.quota-bytes", "1MB",
                "hookline.gateway.tables.write-rows", "20", "hookline.gateway.tables.write-bytes", "1MB",
                "hookline.gateway.tables.read-quota-rows", "45", "hookline.gateway.tables.read-quota-bytes", "1MB"));
        client = gateway.client();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void shouldStopAMemberAtTheTeamsQuotaWhileAnotherTeamWritesAndReads() {
        // given a member of team A who has written the team's whole quota (30 rows) into several tables
        String attacker = gateway.newUser("team-" + UUID.randomUUID(), Role.MEMBER);
        String victim = gateway.newUser("team-" + UUID.randomUUID(), Role.MEMBER);
        for (String table : List.of("a1", "a2", "a3")) {
            success(write(attacker, table, rows(10, "a")), 201).jsonPath("$.data.rowsWritten").isEqualTo(10);
        }

        // when the member writes one more row
        WebTestClient.ResponseSpec refused = write(attacker, "a4", rows(1, "a"));

        // then it is refused with 429 and a Retry-After of about a day (the window, plus at most one minute's
        // bucket: usage is counted per minute), and nothing is written
        failure(refused.expectHeader().value(HttpHeaders.RETRY_AFTER,
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(86_400L - 120, 86_400L + 60)),
                429, "quota_exceeded").jsonPath("$.error.message").value(message -> assertThat((String) message).contains("30 rows"));
        assertThat(read(attacker, "a4").at("/data/rows")).isEmpty();

        // and team B's writes and reads go on as if team A did not exist
        success(write(victim, "a1", rows(20, "b")), 201);
        JsonNode victimRows = read(victim, "a1");
        assertThat(victimRows.at("/data/rows").valueStream().map(r -> r.get("by").stringValue())).hasSize(20).containsOnly("b");
        assertThat(victimRows.at("/data/truncated").booleanValue()).isFalse();
        // and team A can still read what it wrote
        assertThat(read(attacker, "a3").at("/data/rows")).hasSize(10);
    }

    @Test
    void shouldRefuseASingleWriteLargerThanTheTeamMayHoldWith413() {
        String member = gateway.newUser("team-" + UUID.randomUUID(), Role.MEMBER);

        failure(write(member, "big", rows(21, "a")), 413, "payload_too_large")
                .jsonPath("$.error.message").value(message -> assertThat((String) message).contains("20 rows"));
        assertThat(read(member, "big").at("/data/rows")).isEmpty();
    }

    @Test
    void shouldKeepEveryRowOfATeamAndPageThroughThem() {
        // given a team that wrote 30 rows in three batches (more than it may write at once)
        String member = gateway.newUser("team-" + UUID.randomUUID(), Role.MEMBER);
        String other = gateway.newUser("team-" + UUID.randomUUID(), Role.MEMBER);
        success(write(other, "t", rows(5, "other")), 201);
        for (String batch : List.of("first", "second", "third")) {
            success(write(member, "t", rows(10, batch)), 201);
        }

        // when it reads the table 20 rows at a time
        JsonNode first = read(member, "t?limit=20");
        JsonNode second = read(member, "t?limit=20&cursor=" + first.at("/data/nextCursor").stringValue());

        // then the first page holds the oldest 20 rows and says more follow, the second the rest
        assertThat(first.at("/data/rows").valueStream().map(r -> r.get("by").stringValue()))
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> i < 10 ? "first" : "second").toList());
        assertThat(first.at("/data/truncated").booleanValue()).isTrue();
        assertThat(second.at("/data/rows").valueStream().map(r -> r.get("by").stringValue())).hasSize(10).containsOnly("third");
        assertThat(second.at("/data/truncated").booleanValue()).isFalse();
        assertThat(second.at("/data/nextCursor").isNull()).isTrue();
        // and the other team's rows are all there
        assertThat(read(other, "t").at("/data/rows")).hasSize(5);
    }

    @Test
    void shouldRefuseALimitOrCursorThatIsNotOneWith422() {
        String member = gateway.newUser("team-" + UUID.randomUUID(), Role.MEMBER);

        failure(client.get().uri("/v4/tables/t/rows?limit=0").header(HttpHeaders.AUTHORIZATION, "Bearer " + member).exchange(),
                422, "validation_failed").jsonPath("$.error.details[0].field").isEqualTo("limit");
        failure(client.get().uri("/v4/tables/t/rows?cursor=abc").header(HttpHeaders.AUTHORIZATION, "Bearer " + member).exchange(),
                422, "validation_failed").jsonPath("$.error.details[0].field").isEqualTo("cursor");
    }

    @Test
    void shouldStopAMemberRereadingATableAtTheTeamsReadQuota() {
        // given a member who has read a 20-row table twice (40 of the 45 rows an hour)
        String reader = gateway.newUser("team-" + UUID.randomUUID(), Role.MEMBER);
        String other = gateway.newUser("team-" + UUID.randomUUID(), Role.MEMBER);
        success(write(reader, "t", rows(20, "r")), 201);
        success(write(other, "t", rows(20, "o")), 201);
        read(reader, "t");
        read(reader, "t");

        // when it reads again, then it is refused with a Retry-After of about the hour
        failure(client.get().uri("/v4/tables/t/rows").header(HttpHeaders.AUTHORIZATION, "Bearer " + reader).exchange()
                .expectHeader().value(HttpHeaders.RETRY_AFTER, seconds -> assertThat(Long.parseLong(seconds)).isBetween(3_400L, 3_700L)),
                429, "quota_exceeded");
        // and another team reads the same table name as before
        assertThat(read(other, "t").at("/data/rows")).hasSize(20);
    }

    private static List<Map<String, Object>> rows(int count, String by) {
        return IntStream.range(0, count).mapToObj(i -> Map.<String, Object>of("n", i, "by", by)).toList();
    }

    private static WebTestClient.ResponseSpec write(String key, String table, List<Map<String, Object>> rows) {
        return client.post().uri("/v4/tables/" + table + "/rows").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("rows", rows)).exchange();
    }

    private static JsonNode read(String key, String table) {
        // the table, with the query string of a page when one is given
        String[] path = table.split("\\?", 2);
        byte[] body = success(client.get().uri("/v4/tables/" + path[0] + "/rows" + (path.length > 1 ? "?" + path[1] : "")).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange(),
                200).returnResult().getResponseBody();
        return MAPPER.readTree(body);
    }
}
