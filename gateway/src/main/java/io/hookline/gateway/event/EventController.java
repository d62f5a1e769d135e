package io.hookline.gateway.event;

import io.hookline.schemas.avro.AuditResourceType;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.gateway.audit.AuditLog;
import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.kafka.CaughtUp;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.schemas.trace.TraceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v4/events} (producers), {@code GET /v4/event-types} and {@code POST /v4/event-types} (the catalog). */
@RestController
public class EventController {

    private final EventTypes catalog;
    private final TopicView<io.hookline.schemas.avro.EventType> customTypes;
    private final EventValidator validator;
    private final EventPublisher publisher;
    private final EventTypeRegistrar registrar;
    private final JsonBodyReader bodies;
    private final Duration writeTimeout;
    private final AuditLog audit;

    public EventController(EventTypes catalog, TopicView<io.hookline.schemas.avro.EventType> customTypes, GatewayPublisher publisher,
            JsonMapper mapper, JsonBodyReader bodies, Clock clock, Duration writeTimeout, AuditLog audit) {
        this.catalog = catalog;
        this.customTypes = customTypes;
        this.validator = new EventValidator(catalog, clock);
        this.publisher = new EventPublisher(publisher, mapper);
        this.registrar = new EventTypeRegistrar(catalog, customTypes, publisher, mapper, clock, writeTimeout);
        this.bodies = bodies;
        this.writeTimeout = writeTimeout;
        this.audit = audit;
    }

    @PostMapping(path = "/v4/events", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    public Mono<ResponseEntity<Envelope.Success<Accepted>>> publish(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        // W3C: a traceparent that is not one is ignored, never an error; the events are then untraced
        TraceContext trace = TraceContext.of(exchange.getRequest().getHeaders().getFirst(TraceContext.TRACEPARENT),
                exchange.getRequest().getHeaders().getFirst(TraceContext.TRACESTATE)).orElse(null);
        return bodies.read(exchange)
                // off the event loop: validation is linear (RE2 patterns) but a 10 MB batch still takes a while
                .flatMap(body -> ready().then(Mono.fromCallable(() -> validator.validate(caller.teamId(), body))
                        .subscribeOn(Schedulers.boundedElastic())))
                .flatMap(events -> publisher.publish(caller.teamId(), events, trace))
                .map(ids -> ResponseEntity.status(HttpStatus.ACCEPTED).body(Envelope.of(new Accepted(ids))));
    }

    @GetMapping("/v4/event-types")
    public Mono<Envelope.Page<EventType>> types(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return ready().then(Mono.fromCallable(() -> Envelope.page(catalog.types(caller.teamId()), null)));
    }

    @PostMapping(path = "/v4/event-types", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    public Mono<ResponseEntity<Envelope.Success<EventType>>> register(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).requireManager();
        return bodies.read(exchange)
                .flatMap(body -> ready().then(Mono.defer(() -> {
                    // registering a type again replaces it: the entry says what it was
                    EventType before = body.path("type").isString() ? catalog.type(caller.teamId(), body.path("type").stringValue()).orElse(null) : null;
                    return registrar.register(caller.teamId(), body).flatMap(type -> audit.changed(exchange,
                            before == null ? AuditAction.CREATE : AuditAction.UPDATE, AuditResourceType.EVENT_TYPE, type.type(), before, type)
                            .thenReturn(type));
                }).subscribeOn(Schedulers.boundedElastic())))
                .map(type -> ResponseEntity.status(HttpStatus.CREATED).body(Envelope.of(type)));
    }

    /** Custom types written before a restart must be known before events of those types are judged. */
    private Mono<Void> ready() {
        return CaughtUp.within(customTypes.caughtUp(), writeTimeout, "event types view not caught up");
    }

    /** The ids of the events Kafka acknowledged, in the order they were sent. */
    public record Accepted(List<String> accepted) {
    }
}
