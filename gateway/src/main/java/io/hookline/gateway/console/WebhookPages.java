package io.hookline.gateway.console;

import io.hookline.gateway.deliverylog.DeliveryIndex;
import io.hookline.gateway.deliverylog.DeliveryStats;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.schemas.avro.EndpointCircuit;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.schemas.states.AttemptStatus;
import io.hookline.schemas.states.ReservedEventTypes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The webhooks list (the landing page), Create Webhook, a webhook's details and Edit/Save. */
@Controller
final class WebhookPages {

    static final String ALL_EVENTS = ReservedEventTypes.ALL;

    private final InProcessApi api;
    private final Pages pages;
    private final DeliveryIndex deliveries;
    private final TopicView<EndpointCircuit> circuits;
    private final Clock clock;

    /** @param deliveries read for the chart only, of a webhook the API has just shown to this caller */
    WebhookPages(InProcessApi api, Pages pages, DeliveryIndex deliveries, TopicView<EndpointCircuit> circuits, Clock clock) {
        this.api = api;
        this.pages = pages;
        this.deliveries = deliveries;
        this.circuits = circuits;
        this.clock = clock;
    }

    @GetMapping("/admin/webhooks")
    Mono<Rendering> list(ServerWebExchange exchange, @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor) {
        String filter = status == null || status.isEmpty() ? null : status;
        return api.webhooks(exchange, filter, cursor).map(page -> pages.view(exchange, "webhooks")
                .modelAttribute("webhooks", pages.maps(page.path("data")).stream()
                        .filter(w -> ConsoleSession.of(exchange).covers((String) w.get("id"))).map(WebhookPages::labelled).toList())
                .modelAttribute("status", filter == null ? "" : filter)
                .modelAttribute("nextCursor", page.path("nextCursor").isString() ? page.path("nextCursor").stringValue() : "")
                .build());
    }

    @GetMapping("/admin/webhooks/new")
    Mono<Rendering> createForm(ServerWebExchange exchange) {
        return form(exchange, "webhook-new", Map.of("url", "", "events", List.of(), "description", ""), List.of(), HttpStatus.OK);
    }

    @PostMapping("/admin/webhooks")
    Mono<Rendering> create(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            ObjectNode body = api.object().put("url", text(form, "url"));
            body.set("events", events(form));
            if (!text(form, "description").isEmpty()) {
                body.put("description", text(form, "description"));
            }
            return api.create(exchange, body)
                    .map(created -> {
                        ConsoleSession.of(exchange).flash(ConsoleSession.Flash.secret(
                                "Webhook created. Copy its signing secret now; Reveal shows it again later.", "Signing secret", created.path("secret").stringValue()));
                        return Pages.redirect("/admin/webhooks/" + created.path("id").stringValue());
                    })
                    .onErrorResume(WebhookPages::invalid, e -> form(exchange, "webhook-new", Map.of("url", text(form, "url"),
                            "events", selected(form), "description", text(form, "description")), problems(e), HttpStatus.UNPROCESSABLE_CONTENT));
        });
    }

    @GetMapping("/admin/webhooks/{id}")
    Mono<Rendering> details(ServerWebExchange exchange, @PathVariable String id) {
        return details(exchange, id, null);
    }

    /** The details page; with a secret when Reveal asked for it. */
    Mono<Rendering> details(ServerWebExchange exchange, String id, String revealedSecret) {
        return Mono.zip(api.webhook(exchange, id), api.eventTypes(exchange)).map(t -> {
            Instant now = clock.instant();
            List<DeliveryStats.Hour> hours = deliveries.hourly(id, now);
            Rendering.Builder<?> view = pages.view(exchange, "webhook")
                    .modelAttribute("webhook", labelled(pages.map(t.getT1())))
                    .modelAttribute("testTypes", testTypes(t.getT2()))
                    .modelAttribute("latency", StatsChart.latency(hours, now))
                    .modelAttribute("latencyChart", StatsChart.latencyChart(hours, now))
                    .modelAttribute("circuit", Labels.circuit(circuits.get(id), now))
                    .modelAttribute("bars", StatsChart.bars(hours, now))
                    .modelAttribute("days", StatsChart.days(now));
            if (revealedSecret != null) {
                view.modelAttribute("secret", revealedSecret);
            }
            return view.build();
        });
    }

    @GetMapping("/admin/webhooks/{id}/edit")
    Mono<Rendering> editForm(ServerWebExchange exchange, @PathVariable String id) {
        return api.webhook(exchange, id).flatMap(webhook -> form(exchange, "webhook-edit", editValues(pages.map(webhook)), List.of(), HttpStatus.OK));
    }

    @PostMapping("/admin/webhooks/{id}/edit")
    Mono<Rendering> save(ServerWebExchange exchange, @PathVariable String id) {
        return exchange.getFormData().flatMap(form -> {
            ObjectNode body = api.object();
            body.set("events", events(form));
            body.put("description", text(form, "description"));
            return api.patch(exchange, id, body)
                    .map(saved -> {
                        ConsoleSession.of(exchange).flash(ConsoleSession.Flash.success("Saved."));
                        return Pages.redirect("/admin/webhooks/" + id);
                    })
                    .onErrorResume(WebhookPages::invalid, e -> api.webhook(exchange, id).flatMap(webhook -> {
                        Map<String, Object> values = new java.util.HashMap<>(editValues(pages.map(webhook)));
                        values.put("events", selected(form));
                        values.put("description", text(form, "description"));
                        return form(exchange, "webhook-edit", values, problems(e), HttpStatus.UNPROCESSABLE_CONTENT);
                    }));
        });
    }

    /** A form with the catalog's types grouped by the guide's categories. */
    private Mono<Rendering> form(ServerWebExchange exchange, String template, Map<String, Object> values, List<String> problems,
            HttpStatus status) {
        return api.eventTypes(exchange).map(types -> pages.view(exchange, template)
                .modelAttribute("values", values)
                .modelAttribute("groups", Labels.groups(names(types)).stream().map(Labels.Group::view).toList())
                .modelAttribute("problems", problems)
                .status(status)
                .build());
    }

    private static Map<String, Object> editValues(Map<String, Object> webhook) {
        Map<String, Object> values = new java.util.HashMap<>(webhook);
        values.putIfAbsent("description", "");
        if (values.get("description") == null) {
            values.put("description", "");
        }
        return values;
    }

    /** Adds the seed's words for the statuses and the 24-hour success rate. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> labelled(Map<String, Object> webhook) {
        Map<String, Object> view = new java.util.HashMap<>(webhook);
        view.put("statusLabel", Labels.webhookStatus((String) webhook.get("status")));
        Map<String, Object> last = (Map<String, Object>) webhook.get("lastDelivery");
        view.put("lastDeliveryLabel", last == null ? "None yet" : Labels.deliveryStatus((String) last.get("status")));
        Map<String, Object> stats = (Map<String, Object>) webhook.get("stats");
        Map<String, Object> day = stats == null ? Map.of() : (Map<String, Object>) stats.get("last24h");
        view.put("successRate24h", Labels.successRate(number(day.get(AttemptStatus.SUCCEEDED.wire())), number(day.get(AttemptStatus.FAILED.wire()))));
        List<String> events = (List<String>) webhook.get("events");
        view.put("eventsText", events.contains(ALL_EVENTS) ? "All events" : String.join(", ", events));
        Object filter = webhook.get("filter");
        view.put("filterText", filter == null ? null : JsonMapper.shared().writeValueAsString(filter));
        return view;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private ArrayNode events(MultiValueMap<String, String> form) {
        ArrayNode events = api.object().arrayNode();
        selected(form).forEach(events::add);
        return events;
    }

    /** The checked event types; All events stands for every type, now and later. */
    private static List<String> selected(MultiValueMap<String, String> form) {
        List<String> events = form.getOrDefault("events", List.of());
        return events.contains(ALL_EVENTS) ? List.of(ALL_EVENTS) : events;
    }

    private static List<String> names(JsonNode types) {
        List<String> names = new ArrayList<>();
        types.forEach(type -> names.add(type.path("type").stringValue()));
        return names;
    }

    /** Types whose sample a test can send, for the Send Test Event dropdown. */
    private static List<String> testTypes(JsonNode types) {
        List<String> names = new ArrayList<>();
        types.forEach(type -> {
            if (!type.path("sample").isMissingNode() && !type.path("sample").isNull() && !type.path("type").stringValue().startsWith("webhook.")) {
                names.add(type.path("type").stringValue());
            }
        });
        return names;
    }

    static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value.trim();
    }

    static boolean invalid(Throwable e) {
        return e instanceof ApiException api && api.code() == ErrorCode.VALIDATION_FAILED;
    }

    /** The API's problems as the form shows them, "url: must use https". */
    static List<String> problems(Throwable e) {
        return Pages.problems(((ApiException) e).details());
    }
}
