package io.hookline.testsupport.openapi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The document's operations, found by a request's method and concrete path (a literal path beats a template). */
final class Operations {

    private record Path(String template, Pattern pattern, int variables, JsonNode item) {
    }

    private final List<Path> paths = new ArrayList<>();

    Operations(JsonNode document) {
        for (var entry : document.path("paths").properties()) {
            String template = entry.getKey();
            String regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            int variables = template.split("\\{", -1).length - 1;
            paths.add(new Path(template, Pattern.compile(regex), variables, entry.getValue()));
        }
        paths.sort(Comparator.comparingInt(Path::variables));
    }

    Optional<JsonNode> find(String method, String rawPath) {
        return path(rawPath).map(p -> p.item().path(method.toLowerCase(Locale.ROOT))).filter(node -> !node.isMissingNode());
    }

    String template(String method, String rawPath) {
        return path(rawPath).map(Path::template).orElse(rawPath);
    }

    private Optional<Path> path(String rawPath) {
        return paths.stream().filter(p -> p.pattern().matcher(rawPath).matches()).findFirst();
    }
}
