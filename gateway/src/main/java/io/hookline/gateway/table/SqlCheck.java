package io.hookline.gateway.table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether a query may run, decided on DuckDB's own parse of it rather than on its text:
 * {@code json_serialize_sql} serializes SELECT statements only and lists each statement, so
 * anything but exactly one SELECT (a second statement hidden after {@code ;}, an {@code ATTACH},
 * {@code COPY}, {@code SET}, {@code PRAGMA}, DDL or DML) is refused before it is prepared; that
 * matters because the JDBC driver runs all but the last of several statements while preparing.
 * Functions and views that describe the instance (its file's path, settings, other catalogs) or
 * run SQL from a string are refused too, wherever they appear in the tree.
 */
final class SqlCheck {

    static final String ONLY_SELECT = "Only a single read-only SELECT statement (WITH, VALUES and set operations included) may run.";
    private static final Set<String> REFUSED = Set.of("query", "query_table", "current_setting", "getenv", "which_secret",
            "sql_auto_complete", "json_serialize_sql", "json_deserialize_sql", "json_serialize_plan", "json_execute_serialized_sql");
    private static final List<String> REFUSED_PREFIXES = List.of("duckdb_", "pragma_", "sqlite_", "pg_");

    private final JsonMapper mapper;

    SqlCheck(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** Why this query may not run, or null when it may. */
    String refusal(Connection connection, String sql) throws SQLException {
        JsonNode parsed;
        try (PreparedStatement serialize = connection.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            serialize.setString(1, sql);
            try (ResultSet result = serialize.executeQuery()) {
                result.next();
                parsed = mapper.readTree(result.getString(1));
            }
        }
        if (parsed.path("error").asBoolean(true)) {
            String error = parsed.path("error_message").asString("");
            // a syntax error is worth showing as DuckDB says it; anything else is a statement that is not a SELECT
            return error.contains("Only SELECT") ? ONLY_SELECT : "Parser Error: " + error;
        }
        if (parsed.path("statements").size() != 1) {
            return ONLY_SELECT + " This one has " + parsed.path("statements").size() + " statements.";
        }
        List<String> names = new ArrayList<>();
        collect(parsed, names);
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (REFUSED.contains(lower) || REFUSED_PREFIXES.stream().anyMatch(lower::startsWith)) {
                return "'" + name + "' is not available: queries see the tables of your team and nothing about the database they are in.";
            }
        }
        return null;
    }

    /** Every function, table and catalog name in the tree. */
    private static void collect(JsonNode node, List<String> names) {
        if (node.isObject()) {
            for (var field : node.properties()) {
                String key = field.getKey();
                if ((key.equals("function_name") || key.equals("table_name") || key.equals("schema_name") || key.equals("catalog_name")
                        || key.equals("schema") || key.equals("catalog")) && field.getValue().isString()) {
                    names.add(field.getValue().stringValue());
                }
                collect(field.getValue(), names);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, names));
        }
    }
}
