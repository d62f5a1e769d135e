package io.hookline.gateway.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Logs tab's live tail: server-sent events, one per delivery that is new or changed (a retry,
 * a re-delivery), read from the same delivery-log handler as the page, so with the same rights and
 * filters. The stream ends after a while and the browser's EventSource reconnects, passing the
 * session check again.
 */
@Controller
final class LiveTail {

    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration MAX_STREAM = Duration.ofMinutes(5);

    private final InProcessApi api;
    private final JsonMapper mapper;

    LiveTail(InProcessApi api, JsonMapper mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    @GetMapping(path = "/admin/webhooks/{id}/logs/tail", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    Flux<ServerSentEvent<String>> tail(ServerWebExchange exchange, @PathVariable String id, @RequestParam(required = false) String status,
            @RequestParam(required = false) String event) {
        String statusFilter = status == null || status.isBlank() ? null : status;
        String eventFilter = event == null || event.isBlank() ? null : event;
        Map<String, String> seen = new HashMap<>();
        // the first page as the browser already shows it: only what changes after it is sent
        return api.deliveries(exchange, id, statusFilter, eventFilter, null, null, null)
                .doOnNext(page -> changed(page, seen))
                .thenMany(Flux.interval(POLL).onBackpressureDrop()
                        .concatMap(tick -> api.deliveries(exchange, id, statusFilter, eventFilter, null, null, null))
                        .concatMapIterable(page -> changed(page, seen)))
                .map(row -> ServerSentEvent.builder(mapper.writeValueAsString(view(id, row))).event("delivery").build())
                // a comment first: the answer's headers go out with the first element, and only then is the stream open
                .startWith(ServerSentEvent.<String>builder().comment("following " + id).build())
                .take(MAX_STREAM);
    }

    /** The rows of this page not seen as they are now, oldest first (so that each goes on top in turn). */
    private static List<JsonNode> changed(JsonNode page, Map<String, String> seen) {
        List<JsonNode> changed = new ArrayList<>();
        for (JsonNode row : page.path("data")) {
            String state = row.path("lastAttemptAt").asString() + "|" + row.path("status").asString() + "|" + row.path("attempts").asInt();
            if (!state.equals(seen.put(row.path("deliveryId").asString(), state))) {
                changed.add(0, row);
            }
        }
        return changed;
    }

    /** A row as the table shows it; the script writes each field as text. */
    private ObjectNode view(String webhookId, JsonNode row) {
        ObjectNode view = mapper.createObjectNode();
        view.put("deliveryId", row.path("deliveryId").asString());
        view.put("href", "/admin/webhooks/" + webhookId + "/deliveries/" + row.path("deliveryId").asString());
        view.put("eventType", row.path("eventType").asString());
        view.put("lastAttemptAt", row.path("lastAttemptAt").isString() ? row.path("lastAttemptAt").asString() : "–"); // null: queued, never attempted
        view.put("status", Labels.deliveryStatus(row.path("status").asString()));
        view.put("reason", row.path("reason").isString() ? row.path("reason").asString() : "");
        view.put("responseCode", row.path("responseCode").isNumber() ? row.path("responseCode").asString() : "–");
        view.put("responseTime", row.path("responseTimeMs").asLong() + " ms");
        view.put("responseBody", row.path("responseBodyPreview").isString() ? row.path("responseBodyPreview").asString() : "");
        return view;
    }
}
