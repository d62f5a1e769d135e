package io.hookline.gateway.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The teams' DuckDB files, on a real DuckDB in a temporary directory. */
class TableStoreTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private TableStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void shouldNameEachTeamsFileByAHashNeverByTheId() {
        store = new TableStore(dir, "64MB");

        Path file = store.file("../../etc/team\"; DROP");

        assertThat(file.getParent()).isEqualTo(dir);
        assertThat(file.getFileName().toString()).matches("team-[0-9a-f]{32}\\.duckdb");
        assertThat(store.file("a")).isNotEqualTo(store.file("b"));
    }

    @Test
    void shouldKeepRowsWhoseFieldsDifferAndTypeTheirColumns() throws Exception {
        // given rows whose fields and types differ from batch to batch
        store = new TableStore(dir, "64MB");
        store.apply("a", "t", rows("[{\"n\": 1, \"name\": \"x\", \"ok\": true}]"), T0, 0, 0);
        store.apply("a", "t", rows("[{\"n\": 2.5, \"tags\": [1, 2]}, {\"n\": \"three\", \"Name\": \"y\", \"_row\": 1}]"), T0, 0, 1);

        // then every row is there exactly as written, in order
        TableStore.Page page = store.page("a", "t", 0, 10);
        assertThat(page.rowsJson()).extracting(MAPPER::readTree).containsExactly(MAPPER.readTree("{\"n\": 1, \"name\": \"x\", \"ok\": true}"),
                MAPPER.readTree("{\"n\": 2.5, \"tags\": [1, 2]}"), MAPPER.readTree("{\"n\": \"three\", \"Name\": \"y\", \"_row\": 1}"));
        // and the columns were widened to hold every value (BIGINT to DOUBLE to VARCHAR)
        try (Connection connection = store.existing("a").connection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT typeof(n), n, typeof(ok), typeof(tags), name FROM t ORDER BY _seq")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("VARCHAR");
            assertThat(result.getString(2)).isEqualTo("1");
            assertThat(result.getString(3)).isEqualTo("BOOLEAN");
            assertThat(result.getString(4)).isEqualTo("JSON");
            assertThat(result.getString(5)).isEqualTo("x");
        }
        assertThat(store.tables("a")).containsEntry("t", 3L);
    }

    @Test
    void shouldTakeATablesRowsWhateverTheCaseOfItsName() throws Exception {
        // given a table first written as "Meetings"
        store = new TableStore(dir, "64MB");
        store.apply("a", "Meetings", rows("[{\"n\": 1}]"), T0, 0, 0);

        // when it is written as "meetings" with the same field, then both batches are in the one table
        assertThat(store.apply("a", "meetings", rows("[{\"n\": 2}]"), T0, 0, 1)).isTrue();
        assertThat(store.tables("a")).containsExactly(java.util.Map.entry("Meetings", 2L));
        assertThat(store.page("a", "MEETINGS", 0, 10).rowsJson()).containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void shouldPageWithACursor() throws Exception {
        store = new TableStore(dir, "64MB");
        store.apply("a", "t", rows("[{\"i\": 0}, {\"i\": 1}, {\"i\": 2}]"), T0, 0, 0);

        TableStore.Page first = store.page("a", "t", 0, 2);
        TableStore.Page second = store.page("a", "t", Long.parseLong(first.nextCursor()), 2);

        assertThat(first.rowsJson()).containsExactly("{\"i\":0}", "{\"i\":1}");
        assertThat(second.rowsJson()).containsExactly("{\"i\":2}");
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void shouldSkipWhatTheFileHoldsAndRebuildADeletedFile() throws Exception {
        // given two batches applied, and the gateway restarted (the topic is read again from the beginning)
        store = new TableStore(dir, "64MB");
        store.apply("a", "t", rows("[{\"i\": 0}]"), T0, 0, 0);
        store.apply("a", "t", rows("[{\"i\": 1}]"), T0, 1, 0);
        store.close();
        store = new TableStore(dir, "64MB");

        // when the same records come again, then the file does not take them twice
        store.apply("a", "t", rows("[{\"i\": 0}]"), T0, 0, 0);
        store.apply("a", "t", rows("[{\"i\": 1}]"), T0, 1, 0);
        assertThat(store.tables("a")).containsEntry("t", 2L);

        // and when the file is deleted and the topic read again, it holds them again
        store.close();
        Files.delete(store.file("a"));
        store = new TableStore(dir, "64MB");
        assertThat(store.tables("a")).isEmpty();
        store.apply("a", "t", rows("[{\"i\": 0}]"), T0, 0, 0);
        store.apply("a", "t", rows("[{\"i\": 1}]"), T0, 1, 0);
        assertThat(store.tables("a")).containsEntry("t", 2L);
    }

    static List<JsonNode> rows(String json) {
        return MAPPER.readTree(json).valueStream().toList();
    }
}
