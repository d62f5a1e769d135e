package io.hookline.gateway.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The table-rows topic materialized: one DuckDB file per team under {@code dir}, named by a hash
 * of the team id (never the id itself, which could hold any character). The topic stays the system
 * of record: a file that is lost is written again from it on the next start, since the view reads
 * the topic from the beginning and each file skips what it already holds.
 */
final class TableStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TableStore.class);

    /** One page of a table: rows oldest first, and the cursor of the next page when there is one. */
    record Page(List<String> rowsJson, long bytes, String nextCursor) {
    }

    private final Path dir;
    private final String memoryLimit;
    private final Map<String, TeamDatabase> teams = new ConcurrentHashMap<>();
    /** Teams whose file failed to take a batch: nothing more is applied until a restart retries from the watermark. */
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    TableStore(Path dir, String memoryLimit) {
        this.dir = dir;
        this.memoryLimit = memoryLimit;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the tables store directory " + dir, e);
        }
    }

    /** Applies one batch read from the topic unless the team's file has it already; false when it could not. */
    boolean apply(String teamId, String table, List<JsonNode> rows, Instant writtenAt, int partition, long offset) {
        if (failed.contains(teamId)) {
            return false;
        }
        try {
            TeamDatabase database = database(teamId);
            if (!database.has(partition, offset)) {
                database.apply(table, rows, writtenAt, partition, offset);
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            failed.add(teamId);
            log.error("Cannot store a batch of table rows (partition {} offset {}); this team's tables stop taking rows until "
                    + "the gateway restarts and retries from what its file holds", partition, offset, e);
            return false;
        }
    }

    /** The team's tables with their row counts; none when it never wrote. */
    Map<String, Long> tables(String teamId) throws SQLException {
        TeamDatabase database = existing(teamId);
        return database == null ? Map.of() : database.tables();
    }

    /** Up to {@code limit} rows of a table after the cursor ({@code null}: from the first). */
    Page page(String teamId, String table, long after, int limit) throws SQLException {
        TeamDatabase database = existing(teamId);
        if (database == null || !database.hasTable(table)) {
            return new Page(List.of(), 0, null);
        }
        List<String> rows = new ArrayList<>();
        long bytes = 0;
        long last = after;
        boolean more = false;
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT _seq, _row FROM " + Columns.quote(table) + " WHERE _seq > ? ORDER BY _seq LIMIT ?")) {
            select.setLong(1, after);
            select.setInt(2, limit + 1);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    if (rows.size() == limit) {
                        more = true;
                        break;
                    }
                    last = result.getLong(1);
                    String row = result.getString(2);
                    rows.add(row);
                    bytes += row.getBytes(StandardCharsets.UTF_8).length;
                }
            }
        }
        return new Page(rows, bytes, more ? Long.toString(last) : null);
    }

    /** The team's database for a query, or null when the team has no tables. */
    TeamDatabase existing(String teamId) throws SQLException {
        TeamDatabase database = teams.get(teamId);
        if (database == null && Files.exists(file(teamId))) {
            return database(teamId);
        }
        return database;
    }

    private TeamDatabase database(String teamId) throws SQLException {
        try {
            return teams.computeIfAbsent(teamId, team -> {
                try {
                    return TeamDatabase.open(file(team), memoryLimit);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    /** The team's file: a hash of its id, so no id can name a path of its own choosing. */
    Path file(String teamId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(teamId.getBytes(StandardCharsets.UTF_8));
            return dir.resolve("team-" + HexFormat.of().formatHex(hash, 0, 16) + ".duckdb");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        for (TeamDatabase database : teams.values()) {
            try {
                database.close();
            } catch (SQLException e) {
                log.warn("Cannot close a team's tables database", e);
            }
        }
        teams.clear();
    }
}
