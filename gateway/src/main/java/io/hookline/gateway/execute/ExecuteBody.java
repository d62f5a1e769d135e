package io.hookline.gateway.execute;

import io.hookline.gateway.web.Problems;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A checked execute body: {@code data} (as JSON text, {@code {}} when absent), the
 * {@code environmentVariables} and, when given, the {@code datasetKeys} to run.
 */
record ExecuteBody(String dataJson, Map<String, String> environmentVariables, Optional<List<String>> datasetKeys) {

    static final Set<String> RESERVED = Set.of("WEBHOOK_DATA_FILE", "DEFINITE_API_KEY", "DEFINITE_API_BASE_URL");
    static final int MAX_VALUE_BYTES = 128 * 1024 - 1024;
    static final int MAX_VARIABLES = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    @Override
    public String toString() {
        return "ExecuteBody[variables=" + environmentVariables.keySet() + ", datasetKeys=" + datasetKeys + "]";
    }

    static ExecuteBody parse(JsonNode body, JsonMapper mapper) {
        Problems problems = new Problems();
        if (!body.isObject()) {
            problems.add("", "must be a JSON object {data?, environmentVariables?, datasetKeys?}");
            problems.throwIfAny();
        }
        JsonNode data = body.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            problems.add("data", "must be a JSON object");
        }
        Map<String, String> variables = variables(body.get("environmentVariables"), problems);
        Optional<List<String>> keys = keys(body.get("datasetKeys"), problems);
        problems.throwIfAny();
        String dataJson = data == null || data.isNull() ? "{}" : mapper.writeValueAsString(data);
        return new ExecuteBody(dataJson, variables, keys);
    }

    private static Map<String, String> variables(JsonNode node, Problems problems) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return variables;
        }
        if (!node.isObject()) {
            problems.add("environmentVariables", "must be an object of string values");
            return variables;
        }
        if (node.size() > MAX_VARIABLES) {
            problems.add("environmentVariables", "must have at most " + MAX_VARIABLES + " entries");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String field = "environmentVariables." + entry.getKey();
            if (!NAME.matcher(entry.getKey()).matches()) {
                problems.add(field, "is not a valid variable name (letters, digits and '_', not starting with a digit)");
            } else if (RESERVED.contains(entry.getKey())) {
                problems.add(field, "is set by the platform and cannot be overridden");
            } else if (!entry.getValue().isString()) {
                problems.add(field, "must be a string");
            } else if (entry.getValue().stringValue().getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES
                    || entry.getValue().stringValue().indexOf('\0') >= 0) {
                problems.add(field, "must be at most " + MAX_VALUE_BYTES + " bytes, without NUL characters (put large payloads in data)");
            } else {
                variables.put(entry.getKey(), entry.getValue().stringValue());
            }
        }
        return variables;
    }

    private static Optional<List<String>> keys(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.add("datasetKeys", "must be a non-empty array of dataset keys");
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                problems.add("datasetKeys[" + i + "]", "must be a string");
            } else if (!keys.contains(node.get(i).stringValue())) {
                keys.add(node.get(i).stringValue());
            }
        }
        return Optional.of(keys);
    }
}
