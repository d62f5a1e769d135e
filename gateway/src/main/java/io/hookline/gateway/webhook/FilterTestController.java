package io.hookline.gateway.webhook;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.gateway.web.Problems;
import io.hookline.schemas.filter.EventFilter;
import io.hookline.schemas.filter.FilterEvent;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v4/webhooks/filters/test}: whether a payload filter passes an event, evaluated exactly as
 * the router does, so a filter can be tried before a webhook carries it. Any role: it reads nothing
 * of the team's and changes nothing.
 */
@RestController
public class FilterTestController {

    private static final Set<String> FIELDS = Set.of("filter", "event");
    private static final Set<String> EVENT_FIELDS = Set.of("type", "tenant_id", "data");

    private final JsonBodyReader bodies;

    FilterTestController(JsonBodyReader bodies) {
        this.bodies = bodies;
    }

    @PostMapping(path = "/v4/webhooks/filters/test", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    public Mono<Envelope.Success<FilterResult>> test(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return bodies.read(exchange).map(body -> Envelope.of(new FilterResult(matches(caller.teamId(), body))));
    }

    /** @throws io.hookline.gateway.web.ApiException 422 listing every problem of the filter and the event */
    static boolean matches(String teamId, JsonNode body) {
        Problems problems = new Problems();
        if (!body.isObject()) {
            problems.add("body", "must be an object {\"filter\": {…}, \"event\": {\"type\": …, \"data\": {…}}}");
            problems.throwIfAny();
        }
        unknown(body, FIELDS, "", problems);
        EventFilter filter = null;
        JsonNode filterNode = body.get("filter");
        if (filterNode == null || filterNode.isNull()) {
            problems.add("filter", "is required: the payload filter to try");
        } else {
            filter = FilterAndHeaders.compile(filterNode, "filter", problems);
        }
        FilterEvent event = event(teamId, body.get("event"), problems);
        problems.throwIfAny();
        return filter.matches(event);
    }

    /** The event as the router would see it; {@code tenant_id} defaults to the caller's team. */
    private static FilterEvent event(String teamId, JsonNode node, Problems problems) {
        if (node == null || !node.isObject()) {
            problems.add("event", "is required: an object {\"type\": …, \"data\": {…}} as posted to /v4/events");
            return null;
        }
        unknown(node, EVENT_FIELDS, "event.", problems);
        JsonNode type = node.get("type");
        if (type == null || !type.isString() || type.stringValue().isBlank()) {
            problems.add("event.type", "is required: a non-empty string");
        }
        JsonNode tenant = node.get("tenant_id");
        if (tenant != null && !tenant.isNull() && !tenant.isString()) {
            problems.add("event.tenant_id", "must be a string");
        }
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            problems.add("event.data", "is required: a JSON object");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new FilterEvent(type.stringValue(), tenant == null || tenant.isNull() ? teamId : tenant.stringValue(), data);
    }

    private static void unknown(JsonNode node, Set<String> fields, String prefix, Problems problems) {
        for (String name : node.propertyNames()) {
            if (!fields.contains(name)) {
                problems.add(prefix + name, "is not a field here (" + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        }
    }

    /** Whether the filter passes the event. */
    public record FilterResult(boolean matches) {
    }
}
