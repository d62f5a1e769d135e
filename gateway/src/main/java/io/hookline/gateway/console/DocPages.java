package io.hookline.gateway.console;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Docs and execute webhooks: a doc's Python datasets in code areas (Save for managers), Run with a
 * JSON payload and variables, the results per dataset, and each execution's log by its
 * {@code executionId} (the seed: "Log executionId from responses to trace runs").
 */
@Controller
final class DocPages {

    private final InProcessApi api;
    private final Pages pages;
    private final JsonMapper mapper;

    DocPages(InProcessApi api, Pages pages, JsonMapper mapper) {
        this.api = api;
        this.pages = pages;
        this.mapper = mapper;
    }

    @GetMapping("/admin/docs")
    Rendering docs(ServerWebExchange exchange, @RequestParam(required = false) String id) {
        if (id != null && !id.isBlank()) {
            return Pages.redirect("/admin/docs/" + id.trim());
        }
        return pages.view(exchange, "docs").modelAttribute("problems", List.of()).build();
    }

    @PostMapping("/admin/docs")
    Mono<Rendering> create(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> api.createDoc(exchange, doc(form))
                .map(doc -> {
                    ConsoleSession.of(exchange).flash(ConsoleSession.Flash.success("Doc created."));
                    return Pages.redirect("/admin/docs/" + doc.path("id").stringValue());
                })
                .onErrorResume(WebhookPages::invalid, e -> Mono.just(pages.view(exchange, "docs")
                        .modelAttribute("problems", WebhookPages.problems(e)).status(HttpStatus.UNPROCESSABLE_CONTENT).build())));
    }

    @GetMapping("/admin/docs/{id}")
    Mono<Rendering> doc(ServerWebExchange exchange, @PathVariable String id) {
        return api.doc(exchange, id).map(doc -> page(exchange, doc, null, List.of(), "", "", HttpStatus.OK));
    }

    @PostMapping("/admin/docs/{id}")
    Mono<Rendering> save(ServerWebExchange exchange, @PathVariable String id) {
        return exchange.getFormData().flatMap(form -> api.replaceDoc(exchange, id, doc(form))
                .map(doc -> {
                    ConsoleSession.of(exchange).flash(ConsoleSession.Flash.success("Saved."));
                    return Pages.redirect("/admin/docs/" + id);
                })
                .onErrorResume(WebhookPages::invalid, e -> api.doc(exchange, id)
                        .map(doc -> page(exchange, doc, null, WebhookPages.problems(e), "", "", HttpStatus.UNPROCESSABLE_CONTENT))));
    }

    /** Run: the results are shown on the doc's page, each with the executionId that leads to its log. */
    @PostMapping("/admin/docs/{id}/execute")
    Mono<Rendering> execute(ServerWebExchange exchange, @PathVariable String id) {
        return exchange.getFormData().flatMap(form -> {
            String data = WebhookPages.text(form, "data");
            String variables = form.getFirst("variables") == null ? "" : form.getFirst("variables");
            List<String> problems = new ArrayList<>();
            ObjectNode body = api.object();
            if (!data.isEmpty()) {
                try {
                    body.set("data", mapper.readTree(data));
                } catch (JacksonException e) {
                    problems.add("data: is not valid JSON");
                }
            }
            body.set("environmentVariables", variables(variables, problems));
            if (!problems.isEmpty()) {
                return api.doc(exchange, id).map(doc -> page(exchange, doc, null, problems, data, variables, HttpStatus.UNPROCESSABLE_CONTENT));
            }
            return api.execute(exchange, id, body)
                    .flatMap(results -> api.doc(exchange, id).map(doc -> page(exchange, doc, results, List.of(), data, variables, HttpStatus.OK)))
                    .onErrorResume(WebhookPages::invalid, e -> api.doc(exchange, id)
                            .map(doc -> page(exchange, doc, null, WebhookPages.problems(e), data, variables, HttpStatus.UNPROCESSABLE_CONTENT)));
        });
    }

    @GetMapping("/admin/executions")
    Rendering findExecution(@RequestParam(required = false) String executionId) {
        return Pages.redirect(executionId == null || executionId.isBlank() ? "/admin/docs" : "/admin/executions/" + executionId.trim());
    }

    @GetMapping("/admin/executions/{executionId}")
    Mono<Rendering> execution(ServerWebExchange exchange, @PathVariable String executionId) {
        return api.execution(exchange, executionId).map(execution -> pages.view(exchange, "execution")
                .modelAttribute("execution", pages.map(execution)).build());
    }

    private Rendering page(ServerWebExchange exchange, JsonNode doc, JsonNode results, List<String> problems, String data, String variables,
            HttpStatus status) {
        Rendering.Builder<?> view = pages.view(exchange, "doc")
                .modelAttribute("doc", pages.map(doc))
                .modelAttribute("problems", problems)
                .modelAttribute("data", data)
                .modelAttribute("variables", variables)
                .status(status);
        if (results != null) {
            view.modelAttribute("results", pages.maps(results.path("results")));
        }
        return view.build();
    }

    /** The form's datasets (rows with neither key nor code are the blank one for adding). */
    private ObjectNode doc(MultiValueMap<String, String> form) {
        ObjectNode doc = api.object().put("name", WebhookPages.text(form, "name"));
        ArrayNode datasets = doc.putArray("datasets");
        List<String> keys = form.getOrDefault("key", List.of());
        List<String> codes = form.getOrDefault("code", List.of());
        List<String> timeouts = form.getOrDefault("timeoutMs", List.of());
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i).trim();
            String code = i < codes.size() ? codes.get(i) : "";
            if (key.isEmpty() && code.isBlank()) {
                continue;
            }
            ObjectNode dataset = datasets.addObject().put("key", key).put("code", code);
            String timeout = i < timeouts.size() ? timeouts.get(i).trim() : "";
            if (!timeout.isEmpty()) {
                try {
                    dataset.put("timeoutMs", Integer.parseInt(timeout));
                } catch (NumberFormatException e) {
                    dataset.put("timeoutMs", timeout); // the API's validation says what is wrong with it
                }
            }
        }
        return doc;
    }

    /** {@code NAME=value} lines (blank lines ignored) as the API's {@code environmentVariables}. */
    static ObjectNode variables(String text, List<String> problems, ObjectNode into) {
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                problems.add("environmentVariables: line " + (i + 1) + " is not NAME=value");
            } else {
                into.put(line.substring(0, equals).strip(), line.substring(equals + 1));
            }
        }
        return into;
    }

    private ObjectNode variables(String text, List<String> problems) {
        return variables(text, problems, api.object());
    }
}
