package io.hookline.gateway.event;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.JsonBodyReader;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v4/events} (producers) and {@code GET /v4/event-types} (the catalog). */
@RestController
public class EventController {

    private final EventCatalog catalog;
    private final EventValidator validator;
    private final EventPublisher publisher;
    private final JsonBodyReader bodies;

    public EventController(EventCatalog catalog, GatewayPublisher publisher, JsonMapper mapper, JsonBodyReader bodies, Clock clock) {
        this.catalog = catalog;
        this.validator = new EventValidator(catalog, clock);
        this.publisher = new EventPublisher(publisher, mapper);
        this.bodies = bodies;
    }

    @PostMapping(path = "/v4/events", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    public Mono<ResponseEntity<Envelope.Success<Accepted>>> publish(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return bodies.read(exchange)
                .map(validator::validate)
                .flatMap(events -> publisher.publish(caller.teamId(), events))
                .map(ids -> ResponseEntity.status(HttpStatus.ACCEPTED).body(Envelope.of(new Accepted(ids))));
    }

    @GetMapping("/v4/event-types")
    public Envelope.Page<EventType> types() {
        return Envelope.page(catalog.types(), null);
    }

    /** The ids of the events Kafka acknowledged, in the order they were sent. */
    public record Accepted(List<String> accepted) {
    }
}
