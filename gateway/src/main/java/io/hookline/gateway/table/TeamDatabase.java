package io.hookline.gateway.table;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import tools.jackson.databind.JsonNode;

/**
 * One team's DuckDB database file: a table per written table name, with {@code _seq} (order of
 * arrival), {@code _written_at}, {@code _row} (the row's JSON exactly as written: what reads serve)
 * and a typed column per top-level field (see {@link Columns}), and {@code hookline.applied}, the
 * next topic offset per partition, committed with the rows it covers, so a restart skips what is in
 * the file and an empty file is filled again from the topic. Only the team's own rows are in it, so
 * queries on it cannot reach another team's. Batches are applied by the one reader thread; reads
 * and queries each use a connection of their own on the same instance.
 */
final class TeamDatabase implements AutoCloseable {

    private final Connection writer;
    private final Map<String, Columns> tables = new HashMap<>();
    private final Map<Integer, Long> applied = new HashMap<>();

    private TeamDatabase(Connection writer) {
        this.writer = writer;
    }

    /** Opens (or creates) the file and locks the instance down before any query can reach it. */
    static TeamDatabase open(Path file, String memoryLimit) throws SQLException {
        Properties config = new Properties();
        // one thread per team instance: a gateway may hold many, and queries run on the caller's thread anyway
        config.setProperty("threads", "1");
        config.setProperty("memory_limit", memoryLimit);
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), config);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS hookline");
            statement.execute("CREATE TABLE IF NOT EXISTS hookline.applied (\"partition\" INTEGER PRIMARY KEY, next_offset BIGINT NOT NULL)");
            statement.execute("CREATE SEQUENCE IF NOT EXISTS hookline.row_seq");
            // no files, no network, no extensions fetched or loaded, and no way to change that back
            statement.execute("SET enable_external_access = false");
            statement.execute("SET autoinstall_known_extensions = false");
            statement.execute("SET autoload_known_extensions = false");
            statement.execute("SET lock_configuration = true");
            TeamDatabase database = new TeamDatabase(connection);
            try (ResultSet rows = statement.executeQuery("SELECT \"partition\", next_offset FROM hookline.applied")) {
                while (rows.next()) {
                    database.applied.put(rows.getInt(1), rows.getLong(2));
                }
            }
            return database;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Whether the record at this offset is already in the file. */
    boolean has(int partition, long offset) {
        return offset < applied.getOrDefault(partition, 0L);
    }

    /** Appends one batch and moves the partition's watermark past it, in one transaction. */
    void apply(String table, List<JsonNode> rows, Instant writtenAt, int partition, long offset) throws SQLException {
        writer.setAutoCommit(false);
        try {
            Columns columns = columns(table);
            for (JsonNode row : rows) {
                for (String ddl : columns.fit(row)) {
                    try (Statement statement = writer.createStatement()) {
                        statement.execute(ddl);
                    }
                }
            }
            List<Columns.Column> typed = columns.all();
            StringBuilder names = new StringBuilder("_written_at, _row");
            StringBuilder values = new StringBuilder("?, ?");
            for (Columns.Column column : typed) {
                names.append(", ").append(Columns.quote(column.name()));
                values.append(", ?");
            }
            try (PreparedStatement insert = writer.prepareStatement(
                    "INSERT INTO " + Columns.quote(table) + " (" + names + ") VALUES (" + values + ")")) {
                for (JsonNode row : rows) {
                    insert.setTimestamp(1, Timestamp.from(writtenAt));
                    insert.setString(2, row.toString());
                    for (int i = 0; i < typed.size(); i++) {
                        Columns.bind(insert, 3 + i, typed.get(i), row);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement watermark = writer.prepareStatement("INSERT OR REPLACE INTO hookline.applied VALUES (?, ?)")) {
                watermark.setInt(1, partition);
                watermark.setLong(2, offset + 1);
                watermark.executeUpdate();
            }
            writer.commit();
            applied.put(partition, offset + 1);
        } catch (SQLException | RuntimeException e) {
            writer.rollback();
            tables.remove(table.toLowerCase(Locale.ROOT)); // its columns may have changed in the rolled-back transaction: read them again
            throw e;
        } finally {
            writer.setAutoCommit(true);
        }
    }

    /** The team's tables and their row counts, by name. */
    Map<String, Long> tables() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = connection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                        + "AND schema_name = 'main' ORDER BY table_name")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            for (String name : names) {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + Columns.quote(name))) {
                    count.next();
                    counts.put(name, count.getLong(1));
                }
            }
        }
        return counts;
    }

    /** Whether the table was ever written (names are case-insensitive, as everywhere in DuckDB). */
    boolean hasTable(String table) throws SQLException {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM duckdb_tables() "
                + "WHERE database_name = current_database() AND schema_name = 'main' AND lower(table_name) = lower(?)")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    /** A connection of its own on this instance, for one read or query (DuckDB connections are not shared between threads). */
    Connection connection() throws SQLException {
        return ((DuckDBConnection) writer).duplicate();
    }

    private Columns columns(String table) throws SQLException {
        // DuckDB's names are case-insensitive: "Meetings" and "meetings" are one table
        Columns columns = tables.get(table.toLowerCase(Locale.ROOT));
        if (columns == null) {
            try (Statement statement = writer.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + Columns.quote(table)
                        + " (_seq BIGINT DEFAULT nextval('hookline.row_seq'), _written_at TIMESTAMPTZ NOT NULL, _row JSON NOT NULL)");
            }
            columns = Columns.read(writer, table);
            tables.put(table.toLowerCase(Locale.ROOT), columns);
        }
        return columns;
    }

    @Override
    public void close() throws SQLException {
        writer.close();
    }
}
