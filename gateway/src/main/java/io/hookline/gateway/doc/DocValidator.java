package io.hookline.gateway.doc;

import io.hookline.gateway.web.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Checks a doc body ({@code {"name", "datasets": [{"key", "code", "timeoutMs"?}]}}), listing every problem. */
final class DocValidator {

    static final int DEFAULT_TIMEOUT_MS = 6000;
    static final int MAX_TIMEOUT_MS = 15 * 60 * 1000;
    static final int MAX_CODE_CHARS = 1024 * 1024;
    static final int MAX_DATASETS = 50;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    /** A valid doc body. */
    record NewDoc(String name, List<DocJson.DatasetJson> datasets) {
    }

    NewDoc validate(JsonNode body) {
        Problems problems = new Problems();
        if (!body.isObject()) {
            problems.add("", "must be a JSON object");
            problems.throwIfAny();
        }
        JsonNode name = body.get("name");
        if (name == null || !name.isString() || name.stringValue().isBlank()) {
            problems.add("name", "is required: a non-empty string");
        } else if (name.stringValue().length() > 200) {
            problems.add("name", "must be at most 200 characters");
        }
        List<DocJson.DatasetJson> datasets = new ArrayList<>();
        JsonNode list = body.get("datasets");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add("datasets", "is required: a non-empty array of {key, code, timeoutMs?}");
        } else if (list.size() > MAX_DATASETS) {
            problems.add("datasets", "must have at most " + MAX_DATASETS + " entries");
        } else {
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                dataset(list.get(i), "datasets[" + i + "]", keys, problems).ifPresent(datasets::add);
            }
        }
        problems.throwIfAny();
        return new NewDoc(name.stringValue().strip(), datasets);
    }

    private static java.util.Optional<DocJson.DatasetJson> dataset(JsonNode node, String field, Set<String> keys, Problems problems) {
        if (!node.isObject()) {
            problems.add(field, "must be an object {key, code, timeoutMs?}");
            return java.util.Optional.empty();
        }
        int before = problems.list().size();
        JsonNode key = node.get("key");
        if (key == null || !key.isString() || !KEY.matcher(key.stringValue()).matches()) {
            problems.add(field + ".key", "is required: 1 to 100 letters, digits, '_', '.' or '-'");
        } else if (!keys.add(key.stringValue())) {
            problems.add(field + ".key", "is used by another dataset of this doc");
        }
        JsonNode code = node.get("code");
        if (code == null || !code.isString() || code.stringValue().isBlank()) {
            problems.add(field + ".code", "is required: the dataset's Python source");
        } else if (code.stringValue().length() > MAX_CODE_CHARS) {
            problems.add(field + ".code", "must be at most " + MAX_CODE_CHARS + " characters");
        }
        JsonNode timeout = node.get("timeoutMs");
        int timeoutMs = DEFAULT_TIMEOUT_MS;
        if (timeout != null && !timeout.isNull()) {
            if (!timeout.isIntegralNumber() || timeout.asLong() < 100 || timeout.asLong() > MAX_TIMEOUT_MS) {
                problems.add(field + ".timeoutMs", "must be a whole number of milliseconds from 100 to " + MAX_TIMEOUT_MS);
            } else {
                timeoutMs = timeout.asInt();
            }
        }
        if (problems.list().size() > before) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new DocJson.DatasetJson(key.stringValue(), code.stringValue(), timeoutMs));
    }
}
