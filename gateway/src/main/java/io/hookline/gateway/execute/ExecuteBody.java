package io.hookline.gateway.execute;

import io.hookline.gateway.web.Problems;
import io.hookline.schemas.execute.ReservedEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A checked execute body: {@code data} (as JSON text, {@code {}} when absent), the
 * {@code environmentVariables} (names and values as {@link ReservedEnvironment} allows) and, when given,
 * the {@code datasetKeys} to run.
 */
record ExecuteBody(String dataJson, Map<String, String> environmentVariables, Optional<List<String>> datasetKeys) {

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

    /** The variables, each checked against {@link ReservedEnvironment}: one problem for each refused name or value. */
    private static Map<String, String> variables(JsonNode node, Problems problems) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return variables;
        }
        if (!node.isObject()) {
            problems.add("environmentVariables", "must be an object of string values");
            return variables;
        }
        ReservedEnvironment.tooMany(node.size()).ifPresent(problem -> problems.add("environmentVariables", problem));
        long total = 0;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            String field = name.isEmpty() ? "environmentVariables[\"\"]" : "environmentVariables." + name;
            Optional<String> problem = ReservedEnvironment.nameProblem(name)
                    .or(() -> entry.getValue().isString() ? ReservedEnvironment.valueProblem(entry.getValue().stringValue())
                            : Optional.of("must be a string"));
            if (problem.isPresent()) {
                problems.add(field, problem.get());
            } else {
                variables.put(name, entry.getValue().stringValue());
                total += ReservedEnvironment.bytes(name) + ReservedEnvironment.bytes(entry.getValue().stringValue());
            }
        }
        ReservedEnvironment.tooLarge(total).ifPresent(problem -> problems.add("environmentVariables", problem));
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
