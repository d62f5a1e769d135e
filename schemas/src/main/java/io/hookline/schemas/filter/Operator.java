package io.hookline.schemas.filter;

import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What a filter asks of the value at one path; {@code value} is null when the event has none there. */
sealed interface Operator {

    boolean test(JsonNode value);

    /** {@code $eq}, and a plain value: equal as JSON, numbers by value (1 equals 1.0). */
    record Eq(JsonNode operand) implements Operator {
        @Override
        public boolean test(JsonNode value) {
            return value != null && same(value, operand);
        }
    }

    /** {@code $neq}: also holds when the value is absent, as in MongoDB. */
    record Neq(JsonNode operand) implements Operator {
        @Override
        public boolean test(JsonNode value) {
            return value == null || !same(value, operand);
        }
    }

    /** {@code $in}. */
    record In(List<JsonNode> operands) implements Operator {
        @Override
        public boolean test(JsonNode value) {
            return value != null && operands.stream().anyMatch(o -> same(value, o));
        }
    }

    /** {@code $nin}: also holds when the value is absent. */
    record Nin(List<JsonNode> operands) implements Operator {
        @Override
        public boolean test(JsonNode value) {
            return value == null || operands.stream().noneMatch(o -> same(value, o));
        }
    }

    /** {@code $gt $gte $lt $lte}: numbers with numbers, strings with strings (so RFC 3339 times order); else false. */
    record Compare(String name, JsonNode operand) implements Operator {
        @Override
        public boolean test(JsonNode value) {
            Integer order = order(value, operand);
            if (order == null) {
                return false;
            }
            return switch (name) {
                case "$gt" -> order > 0;
                case "$gte" -> order >= 0;
                case "$lt" -> order < 0;
                default -> order <= 0;
            };
        }
    }

    /** {@code $exists}: a JSON null counts as present. */
    record Exists(boolean present) implements Operator {
        @Override
        public boolean test(JsonNode value) {
            return (value != null) == present;
        }
    }

    /** {@code $regex}: RE2, linear in the input; matches anywhere in a string value (anchor with ^…$). */
    record Regex(Pattern pattern) implements Operator {
        @Override
        public boolean test(JsonNode value) {
            return value != null && value.isString() && pattern.matcher(value.stringValue()).find();
        }
    }

    private static Integer order(JsonNode value, JsonNode operand) {
        if (value == null) {
            return null;
        }
        if (value.isNumber() && operand.isNumber()) {
            return decimal(value).compareTo(decimal(operand));
        }
        if (value.isString() && operand.isString()) {
            return value.stringValue().compareTo(operand.stringValue());
        }
        return null;
    }

    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return decimal(a).compareTo(decimal(b)) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = a.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !same(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static BigDecimal decimal(JsonNode number) {
        return number.decimalValue();
    }
}
