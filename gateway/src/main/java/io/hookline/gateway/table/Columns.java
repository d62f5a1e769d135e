package io.hookline.gateway.table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The typed columns of one table, inferred from the rows written to it: a top-level field becomes a
 * column of the type of its first value (BIGINT, DOUBLE, BOOLEAN, VARCHAR or JSON for objects and
 * arrays), widened when a later value does not fit (BIGINT to DOUBLE, anything else to VARCHAR),
 * so rows whose fields differ all go in and none fails a batch. They are a convenience for SQL:
 * {@code _row} keeps every row exactly, so a field that gets no column (a name clashing with one
 * already there in another case, too long, or past {@link #MAX} columns) is still there.
 */
final class Columns {

    /** Typed columns a table gets at most. */
    static final int MAX = 200;
    private static final int MAX_NAME = 64;

    /** A column and its DuckDB type name. */
    record Column(String name, String type) {
    }

    private final String table;
    /** By lower-cased name: DuckDB's identifiers are case-insensitive. */
    private final Map<String, Column> columns = new LinkedHashMap<>();

    private Columns(String table) {
        this.table = table;
    }

    static Columns read(Connection connection, String table) throws SQLException {
        Columns read = new Columns(table);
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, data_type FROM duckdb_columns() "
                + "WHERE database_name = current_database() AND schema_name = 'main' AND lower(table_name) = lower(?) ORDER BY column_index")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    read.columns.put(rows.getString(1).toLowerCase(Locale.ROOT), new Column(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return read;
    }

    /** The statements that make this row's fields fit, applied to this object as they are returned. */
    List<String> fit(JsonNode row) {
        List<String> ddl = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : row.properties()) {
            String type = type(field.getValue());
            String key = field.getKey().toLowerCase(Locale.ROOT);
            if (type == null || key.startsWith("_") || key.startsWith("$") || key.startsWith("/") || field.getKey().length() > MAX_NAME
                    || key.chars().anyMatch(Character::isISOControl)) {
                // null says nothing of a type; '_' names are ours (_seq, _row, …); '$' and '/' would read as JSON paths in ->>
                continue;
            }
            Column column = columns.get(key);
            if (column == null) {
                if (all().size() >= MAX) {
                    continue;
                }
                column = new Column(field.getKey(), type);
                columns.put(key, column);
                ddl.add("ALTER TABLE " + quote(table) + " ADD COLUMN " + quote(column.name()) + " " + type);
            } else if (!column.name().equals(field.getKey())) {
                continue; // "Name" next to "name": the first spelling has the column
            } else if (!fits(column.type(), type)) {
                String wider = column.type().equals("BIGINT") && type.equals("DOUBLE") ? "DOUBLE" : "VARCHAR";
                columns.put(key, new Column(column.name(), wider));
                // to text from the row as written (1, not the 1.0 a DOUBLE column would give)
                ddl.add("ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column.name()) + " TYPE " + wider
                        + (wider.equals("VARCHAR") ? " USING (_row ->> '" + column.name().replace("'", "''") + "')" : ""));
            }
        }
        return ddl;
    }

    /** The typed columns (not {@code _seq}, {@code _written_at}, {@code _row}). */
    List<Column> all() {
        return columns.values().stream().filter(c -> !c.name().startsWith("_")).toList();
    }

    /** Binds the row's value of this column (SQL NULL when absent, null or spelled differently). */
    static void bind(PreparedStatement insert, int index, Column column, JsonNode row) throws SQLException {
        JsonNode value = row.get(column.name());
        if (value == null || value.isNull()) {
            insert.setNull(index, Types.NULL);
            return;
        }
        switch (column.type()) {
            case "BIGINT" -> insert.setLong(index, value.longValue());
            case "DOUBLE" -> insert.setDouble(index, value.doubleValue());
            case "BOOLEAN" -> insert.setBoolean(index, value.booleanValue());
            // VARCHAR takes anything as text, JSON anything as JSON
            default -> insert.setString(index, value.isString() ? (column.type().equals("JSON") ? value.toString() : value.stringValue())
                    : value.toString());
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String type(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? "BIGINT" : "DOUBLE";
        }
        if (value.isNumber()) {
            return "DOUBLE";
        }
        if (value.isBoolean()) {
            return "BOOLEAN";
        }
        return value.isString() ? "VARCHAR" : "JSON";
    }

    private static boolean fits(String column, String value) {
        return column.equals(value) || column.equals("VARCHAR") || column.equals("JSON") || (column.equals("DOUBLE") && value.equals("BIGINT"));
    }
}
