package io.hookline.gateway.table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Read-only SQL over one team's database. The instance itself has no file or network access and a
 * locked configuration ({@link TeamDatabase#open}); on top of that a query runs only when DuckDB's
 * own parser ({@code json_serialize_sql}, which serializes SELECT statements only) finds exactly
 * one SELECT in it ({@link SqlCheck}), inside a read-only transaction, when its prepared form
 * returns a result, and for at most {@code timeout}, after which it is cancelled. Answers hold at
 * most {@code maxRows} rows and about {@code maxBytes} bytes, and say when they were cut.
 */
final class SqlQueries implements AutoCloseable {

    /** What a query came to. */
    sealed interface Outcome permits Answer, Refused, Busy {
    }

    /** A column of an answer: its name and DuckDB type. */
    record Column(String name, String type) {
    }

    /** The rows (each an array of values, in column order) and whether the caps cut them. */
    record Answer(List<Column> columns, List<ArrayNode> rows, boolean truncated, long bytes) implements Outcome {
    }

    /** Not run, failed or cancelled: the reason is safe to show (DuckDB's message about the caller's own SQL). */
    record Refused(String reason) implements Outcome {
    }

    /** The team already runs as many queries as it may at once. */
    record Busy(int running) implements Outcome {
    }

    private final JsonMapper mapper;
    private final Duration timeout;
    private final int maxRows;
    private final long maxBytes;
    private final int perTeam;
    private final Map<String, Semaphore> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "hookline-sql-timeout");
        thread.setDaemon(true);
        return thread;
    });

    SqlQueries(JsonMapper mapper, Duration timeout, int maxRows, long maxBytes, int perTeam) {
        this.mapper = mapper;
        this.timeout = timeout;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.perTeam = perTeam;
    }

    /** Runs the query on the team's database; blocks (call it off the event loop). */
    Outcome run(String teamId, TeamDatabase database, String sql, List<JsonNode> params) throws SQLException {
        Semaphore slots = running.computeIfAbsent(teamId, t -> new Semaphore(perTeam));
        if (!slots.tryAcquire()) {
            return new Busy(perTeam);
        }
        try (Connection connection = database.connection()) {
            String refusal = new SqlCheck(mapper).refusal(connection, sql);
            if (refusal != null) {
                return new Refused(refusal);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN TRANSACTION READ ONLY");
            }
            try {
                return execute(connection, sql, params);
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ROLLBACK");
                } catch (SQLException e) {
                    // a cancelled statement may have ended the transaction already; the connection is closed next anyway
                }
            }
        } finally {
            slots.release();
        }
    }

    private Outcome execute(Connection connection, String sql, List<JsonNode> params) {
        AtomicBoolean timedOut = new AtomicBoolean();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (((DuckDBResultSetMetaData) statement.getMetaData()).getReturnType() != StatementReturnType.QUERY_RESULT) {
                return new Refused(SqlCheck.ONLY_SELECT);
            }
            for (int i = 0; i < params.size(); i++) {
                bind(statement, i + 1, params.get(i));
            }
            ScheduledFuture<?> cancel = canceller.schedule(() -> {
                timedOut.set(true);
                try {
                    statement.cancel();
                } catch (SQLException e) {
                    // it ended as we cancelled it
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try (ResultSet result = statement.executeQuery()) {
                return read(result);
            } finally {
                cancel.cancel(false);
            }
        } catch (SQLException e) {
            if (timedOut.get()) {
                return new Refused("The query was cancelled: it ran longer than " + timeout.toMillis() + " ms.");
            }
            return new Refused(message(e));
        }
    }

    private Answer read(ResultSet result) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        List<Column> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(new Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
        }
        List<ArrayNode> rows = new ArrayList<>();
        long bytes = 0;
        boolean truncated = false;
        while (result.next()) {
            if (rows.size() == maxRows || bytes > maxBytes) {
                truncated = true;
                break;
            }
            ArrayNode row = mapper.createArrayNode();
            for (int i = 1; i <= columns.size(); i++) {
                bytes += SqlValues.add(row, result, i, columns.get(i - 1).type(), mapper);
            }
            rows.add(row);
        }
        return new Answer(columns, rows, truncated, bytes);
    }

    private static void bind(PreparedStatement statement, int index, JsonNode value) throws SQLException {
        if (value.isNull()) {
            statement.setNull(index, java.sql.Types.NULL);
        } else if (value.isBoolean()) {
            statement.setBoolean(index, value.booleanValue());
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            statement.setLong(index, value.longValue());
        } else if (value.isNumber()) {
            statement.setDouble(index, value.doubleValue());
        } else {
            statement.setString(index, value.stringValue());
        }
    }

    /** DuckDB's message without the driver's wrapping: it is about the caller's own SQL, never our internals. */
    static String message(SQLException e) {
        String message = e.getMessage() == null ? "The query failed." : e.getMessage().strip();
        return message.length() > 2_000 ? message.substring(0, 2_000) + "…" : message;
    }

    @Override
    public void close() {
        canceller.shutdownNow();
    }
}
