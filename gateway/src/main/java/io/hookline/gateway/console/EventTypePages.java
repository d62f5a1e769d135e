package io.hookline.gateway.console;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The event catalog: every type with its description, JSON Schema and sample; admins register custom types. */
@Controller
final class EventTypePages {

    private final InProcessApi api;
    private final Pages pages;
    private final JsonMapper mapper;

    EventTypePages(InProcessApi api, Pages pages, JsonMapper mapper) {
        this.api = api;
        this.pages = pages;
        this.mapper = mapper;
    }

    @GetMapping("/admin/event-types")
    Mono<Rendering> catalog(ServerWebExchange exchange) {
        return page(exchange, Map.of("type", "", "description", "", "schema", "{\"type\": \"object\"}", "sample", "{}"), List.of(), HttpStatus.OK);
    }

    @PostMapping("/admin/event-types")
    Mono<Rendering> register(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, Object> values = Map.of("type", WebhookPages.text(form, "type"), "description", WebhookPages.text(form, "description"),
                    "schema", WebhookPages.text(form, "schema"), "sample", WebhookPages.text(form, "sample"));
            ObjectNode body = api.object().put("type", WebhookPages.text(form, "type")).put("description", WebhookPages.text(form, "description"));
            List<String> unreadable = new java.util.ArrayList<>();
            json(form, "schema", body, unreadable);
            json(form, "sample", body, unreadable);
            if (!unreadable.isEmpty()) {
                return page(exchange, values, unreadable, HttpStatus.UNPROCESSABLE_CONTENT);
            }
            return api.registerEventType(exchange, body)
                    .map(type -> {
                        ConsoleSession.of(exchange).flash(ConsoleSession.Flash.success("Registered " + type.path("type").stringValue()
                                + ": webhooks subscribed to All events get it from now on."));
                        return Pages.redirect("/admin/event-types");
                    })
                    .onErrorResume(WebhookPages::invalid, e -> page(exchange, values, WebhookPages.problems(e), HttpStatus.UNPROCESSABLE_CONTENT));
        });
    }

    /** The textarea's JSON into the body; text that is not JSON is the form's problem, said before the API is asked. */
    private void json(MultiValueMap<String, String> form, String field, ObjectNode body, List<String> problems) {
        String text = WebhookPages.text(form, field);
        if (text.isEmpty()) {
            return;
        }
        try {
            body.set(field, mapper.readTree(text));
        } catch (JacksonException e) {
            problems.add(field + ": is not valid JSON");
        }
    }

    private Mono<Rendering> page(ServerWebExchange exchange, Map<String, Object> values, List<String> problems, HttpStatus status) {
        return api.eventTypes(exchange).map(types -> pages.view(exchange, "event-types")
                .modelAttribute("types", types(types))
                .modelAttribute("values", values)
                .modelAttribute("problems", problems)
                .status(status)
                .build());
    }

    private List<Map<String, Object>> types(JsonNode types) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (JsonNode type : types) {
            rows.add(Map.of("type", type.path("type").stringValue(), "category", Labels.category(type.path("type").stringValue()),
                    "description", type.path("description").isString() ? type.path("description").stringValue() : "",
                    "schema", pretty(type.path("schema")), "sample", pretty(type.path("sample"))));
        }
        return rows;
    }

    private String pretty(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "–" : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }
}
