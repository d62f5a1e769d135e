package io.hookline.schemas.filter;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Compiles a filter document into a {@link Condition}, collecting every problem on the way. */
final class FilterParser {

    static final Set<String> LOGICAL = Set.of("$and", "$or", "$not");
    static final Set<String> COMPARISONS = Set.of("$gt", "$gte", "$lt", "$lte");
    static final List<String> FIELD_OPERATORS = List.of("$eq", "$neq", "$in", "$nin", "$gt", "$gte", "$lt", "$lte", "$exists", "$regex");

    private final List<FilterProblem> problems = new ArrayList<>();
    private int conditions;
    private int regexes;

    List<FilterProblem> problems() {
        return problems;
    }

    /** A filter object: every entry holds. */
    Condition filter(JsonNode node, String where, String prefix, int depth) {
        if (depth > EventFilter.MAX_DEPTH) {
            problem(where, "nests deeper than " + EventFilter.MAX_DEPTH + " levels");
            return never();
        }
        if (!node.isObject()) {
            problem(where, "must be an object such as {\"data.amount\": {\"$gt\": 100}}");
            return never();
        }
        if (node.isEmpty()) {
            problem(where, depth == 1 ? "is empty; an empty filter matches every event: leave the filter out (or set it to null) instead"
                    : "is empty: give at least one condition");
            return never();
        }
        List<Condition> all = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            String here = where + "." + key;
            if (key.startsWith("$")) {
                if (prefix != null || !LOGICAL.contains(key)) {
                    problem(here, prefix != null || FIELD_OPERATORS.contains(key)
                            ? "is not allowed here: " + key + " applies to a path, as in {\"data.amount\": {\"" + key + "\": …}}"
                            : "is not an operator (logical: $and, $or, $not; on a path: " + String.join(", ", FIELD_OPERATORS) + ")");
                    continue;
                }
                all.add(logical(key, entry.getValue(), here, depth));
            } else {
                all.add(onPath(prefix == null ? key : prefix + "." + key, entry.getValue(), here, depth));
            }
        }
        return all.size() == 1 ? all.get(0) : new Condition.All(List.copyOf(all));
    }

    private Condition logical(String operator, JsonNode operand, String where, int depth) {
        if (operator.equals("$not")) {
            return new Condition.Not(filter(operand, where, null, depth + 1));
        }
        if (!operand.isArray() || operand.isEmpty()) {
            problem(where, "must be a non-empty list of filters");
            return never();
        }
        List<Condition> parts = new ArrayList<>();
        for (int i = 0; i < operand.size(); i++) {
            parts.add(filter(operand.get(i), where + "[" + i + "]", null, depth + 1));
        }
        return operator.equals("$and") ? new Condition.All(List.copyOf(parts)) : new Condition.Any(List.copyOf(parts));
    }

    /** The value of a path: operators ({@code {"$gt": 1}}), nested paths ({@code {"amount": …}}) or a value to equal. */
    private Condition onPath(String pathText, JsonNode value, String where, int depth) {
        FilterPath path = FilterPath.of(pathText);
        String pathProblem = path.problem();
        if (pathProblem != null) {
            problem(where, "'" + pathText + "' " + pathProblem);
            return never();
        }
        if (!value.isObject() || value.isEmpty()) {
            return counted(new Condition.OnPath(path, new Operator.Eq(value)), where);
        }
        long operators = value.propertyNames().stream().filter(k -> k.startsWith("$")).count();
        if (operators == 0) {
            // Convoy's nested form: {"data": {"customer": {"country": "NL"}}} is data.customer.country
            return filter(value, where, pathText, depth + 1);
        }
        if (operators < value.size()) {
            problem(where, "mixes operators and fields; to compare with an object use {\"$eq\": {…}}");
            return never();
        }
        List<Condition> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            Operator operator = operator(entry.getKey(), entry.getValue(), where + "." + entry.getKey());
            if (operator != null) {
                tests.add(counted(new Condition.OnPath(path, operator), where));
            }
        }
        return tests.size() == 1 ? tests.get(0) : new Condition.All(List.copyOf(tests));
    }

    private Operator operator(String name, JsonNode operand, String where) {
        switch (name) {
            case "$eq":
                return new Operator.Eq(operand);
            case "$neq":
                return new Operator.Neq(operand);
            case "$in", "$nin": {
                if (!operand.isArray() || operand.isEmpty() || operand.size() > EventFilter.MAX_LIST) {
                    problem(where, "must be a list of 1 to " + EventFilter.MAX_LIST + " values");
                    return null;
                }
                List<JsonNode> values = new ArrayList<>();
                operand.forEach(values::add);
                return name.equals("$in") ? new Operator.In(List.copyOf(values)) : new Operator.Nin(List.copyOf(values));
            }
            case "$exists":
                if (!operand.isBoolean()) {
                    problem(where, "must be true or false");
                    return null;
                }
                return new Operator.Exists(operand.booleanValue());
            case "$regex":
                return regex(operand, where);
            default:
                if (COMPARISONS.contains(name)) {
                    if (!operand.isNumber() && !operand.isString()) {
                        problem(where, "must be a number or a string");
                        return null;
                    }
                    return new Operator.Compare(name, operand);
                }
                problem(where, LOGICAL.contains(name) ? "is not allowed on a path: write {\"" + name + "\": [ … ]} around the conditions"
                        : "is not an operator (on a path: " + String.join(", ", FIELD_OPERATORS) + ")");
                return null;
        }
    }

    private Operator regex(JsonNode operand, String where) {
        if (!operand.isString() || operand.stringValue().isEmpty()) {
            problem(where, "must be a non-empty string, an RE2 regular expression");
            return null;
        }
        String text = operand.stringValue();
        if (text.length() > EventFilter.MAX_REGEX_LENGTH) {
            problem(where, "is " + text.length() + " characters long; a pattern has at most " + EventFilter.MAX_REGEX_LENGTH);
            return null;
        }
        if (++regexes > EventFilter.MAX_REGEXES) {
            problem(where, "is one pattern too many: a filter has at most " + EventFilter.MAX_REGEXES + " $regex");
            return null;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            problem(where, "is not a pattern RE2 accepts (RE2 is linear-time: no lookaround, no backreferences): " + e.getDescription());
            return null;
        }
        long cost = RegexCost.of(text);
        if (cost > EventFilter.MAX_REGEX_COST) {
            problem(where, "repeats too much: with its counted repetitions ({n}) expanded it has about " + cost + " steps, at most "
                    + EventFilter.MAX_REGEX_COST + " (matching takes time in proportion); use + or * instead of large counts");
            return null;
        }
        return new Operator.Regex(pattern);
    }

    private Condition counted(Condition condition, String where) {
        if (++conditions == EventFilter.MAX_CONDITIONS + 1) {
            problem(where, "is one condition too many: a filter has at most " + EventFilter.MAX_CONDITIONS);
        }
        return condition;
    }

    private void problem(String where, String problem) {
        problems.add(new FilterProblem(where, problem));
    }

    private static Condition never() {
        return new Condition.Any(List.of());
    }
}
