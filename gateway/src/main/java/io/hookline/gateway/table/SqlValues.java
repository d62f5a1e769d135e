package io.hookline.gateway.table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** DuckDB values as JSON: numbers and booleans as such, JSON columns as JSON, everything else as DuckDB's text. */
final class SqlValues {

    private SqlValues() {
    }

    /** Adds the column's value to the row; returns about how many bytes of JSON it takes. */
    static long add(ArrayNode row, ResultSet result, int column, String type, JsonMapper mapper) throws SQLException {
        Object value = result.getObject(column);
        if (value == null) {
            row.addNull();
            return 4;
        }
        if (value instanceof Boolean b) {
            row.add(b);
            return 5;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            row.add(((Number) value).longValue());
            return 20;
        }
        if (value instanceof BigInteger big) {
            row.add(big);
            return 40;
        }
        if (value instanceof BigDecimal decimal) {
            row.add(decimal);
            return 40;
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            row.add(((Number) value).doubleValue());
            return 25;
        }
        String text = result.getString(column);
        if ("JSON".equals(type)) {
            row.add(mapper.readTree(text));
        } else {
            row.add(text);
        }
        return text.length() + 2L;
    }
}
