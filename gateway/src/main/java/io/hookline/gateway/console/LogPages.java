package io.hookline.gateway.console;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** A webhook's Logs tab (filters, paging), a delivery's details and Re-deliver. */
@Controller
final class LogPages {

    private final InProcessApi api;
    private final Pages pages;

    LogPages(InProcessApi api, Pages pages) {
        this.api = api;
        this.pages = pages;
    }

    /** @param from first day shown (a date, UTC); @param to last day shown, included */
    @GetMapping("/admin/webhooks/{id}/logs")
    Mono<Rendering> logs(ServerWebExchange exchange, @PathVariable String id, @RequestParam(required = false) String status,
            @RequestParam(required = false) String event, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String cursor) {
        Map<String, String> filters = Map.of("status", blank(status), "event", blank(event), "from", blank(from), "to", blank(to));
        return api.webhook(exchange, id)
                .zipWith(api.deliveries(exchange, id, orNull(status), orNull(event), startOf(from, 0), startOf(to, 1), orNull(cursor)))
                .map(t -> pages.view(exchange, "logs")
                        .modelAttribute("webhook", WebhookPages.labelled(pages.map(t.getT1())))
                        .modelAttribute("rows", pages.maps(t.getT2().path("data")).stream().map(LogPages::labelled).toList())
                        .modelAttribute("filters", filters)
                        // the live tail follows the newest page; a page further back or a date range stays as it is
                        .modelAttribute("tail", blank(cursor).isEmpty() && blank(from).isEmpty() && blank(to).isEmpty())
                        .modelAttribute("nextCursor", t.getT2().path("nextCursor").isString() ? t.getT2().path("nextCursor").stringValue() : "")
                        .modelAttribute("pendingIncomplete", t.getT2().path("pendingIncomplete").asBoolean(false))
                        .build());
    }

    @GetMapping("/admin/webhooks/{id}/deliveries/{deliveryId}")
    Mono<Rendering> delivery(ServerWebExchange exchange, @PathVariable String id, @PathVariable String deliveryId) {
        return api.webhook(exchange, id).zipWith(api.delivery(exchange, id, deliveryId)).map(t -> {
            Map<String, Object> delivery = labelled(pages.map(t.getT2()));
            @SuppressWarnings("unchecked")
            Map<String, Object> request = (Map<String, Object>) delivery.get("request");
            @SuppressWarnings("unchecked")
            Map<String, String> headers = sorted(request == null ? null : (Map<String, String>) request.get("headers"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> attempts = ((List<Map<String, Object>>) delivery.get("attempts")).stream().map(LogPages::labelled).toList();
            return pages.view(exchange, "delivery")
                    .modelAttribute("webhook", WebhookPages.labelled(pages.map(t.getT1())))
                    .modelAttribute("delivery", delivery)
                    .modelAttribute("requestHeaders", headers)
                    .modelAttribute("signature", headers.getOrDefault("webhook-signature", ""))
                    .modelAttribute("attempts", attempts)
                    .build();
        });
    }

    @PostMapping("/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    Mono<Rendering> redeliver(ServerWebExchange exchange, @PathVariable String id, @PathVariable String deliveryId) {
        return api.redeliver(exchange, id, deliveryId).map(attempt -> {
            ConsoleSession.of(exchange).flash(ConsoleSession.Flash.success(
                    "Re-delivery queued: it will appear below as attempt " + attempt + " (reload to see it)."));
            return Pages.redirect("/admin/webhooks/" + id + "/deliveries/" + deliveryId);
        });
    }

    /** Recover: the window's failed and skipped deliveries are sent again; the API bounds the window. */
    @PostMapping("/admin/webhooks/{id}/recover")
    Mono<Rendering> recover(ServerWebExchange exchange, @PathVariable String id) {
        return exchange.getFormData().flatMap(form -> api.recover(exchange, id, utc(WebhookPages.text(form, "since")), utc(WebhookPages.text(form, "until"))))
                .map(queued -> {
                    ConsoleSession.of(exchange).flash(ConsoleSession.Flash.success("Recovery queued " + queued + (queued == 1 ? " delivery." : " deliveries.")));
                    return Pages.redirect("/admin/webhooks/" + id + "/logs");
                });
    }

    /** A {@code datetime-local} field's value, taken as UTC, as RFC 3339; anything else as typed (the API explains). */
    static String utc(String local) {
        if (local.isEmpty()) {
            return null;
        }
        try {
            return java.time.LocalDateTime.parse(local).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return local;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labelled(Map<String, Object> row) {
        Map<String, Object> view = new java.util.HashMap<>(row);
        view.put("statusLabel", Labels.deliveryStatus((String) row.get("status")));
        if (row.containsKey("responseHeaders")) {
            view.put("responseHeaders", sorted((Map<String, String>) row.get("responseHeaders")));
        }
        return view;
    }

    /** Headers by name, whatever their case, so that a reader finds one at a glance. */
    private static Map<String, String> sorted(Map<String, String> headers) {
        Map<String, String> sorted = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            sorted.putAll(headers);
        }
        return sorted;
    }

    /**
     * A date picked in the form as the API's RFC 3339 time: midnight UTC of that day ({@code plusDays} 1
     * for the end of a range, so that the last day is included). Anything else goes to the API as typed,
     * whose validation then says what is wrong with it.
     */
    static String startOf(String date, int plusDays) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.trim()).plusDays(plusDays).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return date.trim();
        }
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }

    private static String orNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

}
