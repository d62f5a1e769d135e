package io.hookline.gateway.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;

/**
 * Attack: a team's SQL tries to reach files, other databases, settings or to write. Team B's own
 * database on a real DuckDB, next to team A's file in the same directory.
 */
class SqlQueriesTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private TableStore store;
    private SqlQueries queries;

    @BeforeEach
    void given() throws Exception {
        store = new TableStore(dir, "64MB");
        store.apply("team-a", "secrets", TableStoreTest.rows("[{\"secret\": \"a-only\"}]"), T0, 0, 0);
        store.apply("team-b", "mine", TableStoreTest.rows("[{\"n\": 1}, {\"n\": 2}, {\"n\": 3}]"), T0, 0, 1);
        queries = new SqlQueries(MAPPER, Duration.ofSeconds(1), 2, 1_000_000, 2);
    }

    @AfterEach
    void close() {
        queries.close();
        store.close();
    }

    @Test
    void shouldAnswerASelectWithColumnsRowsAndParams() throws Exception {
        SqlQueries.Outcome outcome = run("SELECT n, n * 2 AS twice FROM mine WHERE n >= ? ORDER BY n", List.of(IntNode.valueOf(2)));

        assertThat(outcome).isInstanceOfSatisfying(SqlQueries.Answer.class, answer -> {
            assertThat(answer.columns()).containsExactly(new SqlQueries.Column("n", "BIGINT"), new SqlQueries.Column("twice", "BIGINT"));
            assertThat(answer.rows()).extracting(Object::toString).containsExactly("[2,4]", "[3,6]");
            assertThat(answer.truncated()).isFalse();
        });
    }

    @Test
    void shouldCapTheRowsAndSaySo() throws Exception {
        assertThat(run("SELECT * FROM range(100)", List.of())).isInstanceOfSatisfying(SqlQueries.Answer.class, answer -> {
            assertThat(answer.rows()).hasSize(2);
            assertThat(answer.truncated()).isTrue();
        });
    }

    @Test
    void shouldCancelAQueryThatRunsTooLong() throws Exception {
        long started = System.nanoTime();

        SqlQueries.Outcome outcome = run("SELECT count(*) FROM range(100000000) a, range(100000000) b", List.of());

        assertThat(outcome).isInstanceOfSatisfying(SqlQueries.Refused.class, r -> assertThat(r.reason()).contains("cancelled"));
        // and the database answers the next query
        assertThat(run("SELECT count(*) FROM mine", List.of())).isInstanceOf(SqlQueries.Answer.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ATTACH '%A%' AS a",
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM read_text('/etc/passwd')",
            "SELECT * FROM read_parquet('%A%')",
            "SELECT * FROM '%A%'",
            "COPY mine TO '%DIR%/out.csv'",
            "SELECT 1; COPY mine TO '%DIR%/out.csv'",
            "INSTALL httpfs",
            "LOAD httpfs",
            "SET enable_external_access = true",
            "RESET lock_configuration",
            "PRAGMA database_list",
            "CREATE TABLE x (i INT)",
            "INSERT INTO mine VALUES (1)",
            "DELETE FROM mine",
            "DROP TABLE mine",
            "SELECT 1; DROP TABLE mine",
            "SELECT 1; SELECT 2",
            "SELECT path FROM duckdb_databases()",
            "SELECT * FROM duckdb_databases",
            "SELECT * FROM duckdb_settings()",
            "SELECT current_setting('temp_directory')",
            "SELECT * FROM pragma_database_list",
            "SELECT * FROM query('SELECT * FROM duckdb_databases()')",
            "SELECT * FROM query_table('secrets')",
            "SELECT * FROM secrets",
            "SELECT * FROM system.main.secrets",
            "CHECKPOINT",
            "EXPORT DATABASE '%DIR%/export'",
    })
    void shouldRefuseOrContainEveryAttempt(String attempt) throws Exception {
        String sql = attempt.replace("%A%", store.file("team-a").toString()).replace("%DIR%", dir.toString());

        SqlQueries.Outcome outcome = run(sql, List.of());

        assertThat(outcome).isInstanceOf(SqlQueries.Refused.class);
        // and nothing changed: team B's table is whole, no file was written, team A's secret is nowhere
        assertThat(run("SELECT count(*) FROM mine", List.of())).isInstanceOfSatisfying(SqlQueries.Answer.class,
                answer -> assertThat(answer.rows().get(0).get(0).asLong()).isEqualTo(3));
        assertThat(store.tables("team-b")).containsOnlyKeys("mine");
        assertThat(Files.exists(dir.resolve("out.csv"))).isFalse();
        assertThat(Files.exists(dir.resolve("export"))).isFalse();
        assertThat(outcome.toString()).doesNotContain("a-only");
    }

    @Test
    void shouldNotShowTheDatabasesPathInErrors() throws Exception {
        assertThat(run("SELECT * FROM nothing_here", List.of())).isInstanceOfSatisfying(SqlQueries.Refused.class,
                r -> assertThat(r.reason()).contains("nothing_here").doesNotContain(dir.toString()));
    }

    private SqlQueries.Outcome run(String sql, List<tools.jackson.databind.JsonNode> params) throws Exception {
        return queries.run("team-b", store.existing("team-b"), sql, params);
    }
}
