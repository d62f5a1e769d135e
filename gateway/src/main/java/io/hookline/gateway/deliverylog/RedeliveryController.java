package io.hookline.gateway.deliverylog;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.gateway.web.Problems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v4/webhooks/{id}/deliveries/{deliveryId}/redeliver} and {@code POST /v4/webhooks/{id}/recover}
 * (admin or owner): queue re-deliveries and answer 202 once Kafka has them.
 */
@RestController
public class RedeliveryController {

    /** As {@code hookline replay} without {@code --force}: a longer window is more likely a mistake than a plan. */
    static final Duration MAX_WINDOW = Duration.ofDays(14);

    private final LogAccess access;
    private final Redeliveries redeliveries;
    private final JsonBodyReader bodies;
    private final Clock clock;

    RedeliveryController(LogAccess access, Redeliveries redeliveries, JsonBodyReader bodies, Clock clock) {
        this.access = access;
        this.redeliveries = redeliveries;
        this.bodies = bodies;
        this.clock = clock;
    }

    @PostMapping("/v4/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    public Mono<ResponseEntity<Envelope.Success<Redelivered>>> redeliver(ServerWebExchange exchange, @PathVariable String id,
            @PathVariable String deliveryId) {
        Caller caller = Caller.of(exchange);
        return access.webhook(caller, id).map(caller::managing)
                .flatMap(webhook -> redeliveries.redeliver(webhook, deliveryId))
                .map(task -> accepted(new Redelivered(task.getDeliveryId(), task.getAttempt())));
    }

    @PostMapping("/v4/webhooks/{id}/recover")
    public Mono<ResponseEntity<Envelope.Success<Recovered>>> recover(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        // another team's webhook is a 404 whatever the role or the body (API.md: never reveal existence)
        return access.webhook(caller, id).map(caller::managing)
                .flatMap(webhook -> bodies.read(exchange)
                        .map(body -> Window.of(body, clock.instant()))
                        .flatMap(window -> redeliveries.recover(webhook, window.since(), window.until())))
                .map(queued -> accepted(new Recovered(queued)));
    }

    private static <T> ResponseEntity<Envelope.Success<T>> accepted(T data) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Envelope.of(data));
    }

    /** The window of a recovery: {@code since} (required) to {@code until} (default now), at most 14 days. */
    record Window(Instant since, Instant until) {

        static Window of(JsonNode body, Instant now) {
            Problems problems = new Problems();
            if (!body.isObject()) {
                problems.add("", "must be a JSON object such as {\"since\": \"2026-03-28T10:15:00Z\"}");
                problems.throwIfAny();
            }
            Optional<Instant> since = time(body, "since", problems);
            Optional<Instant> until = time(body, "until", problems);
            if (body.get("since") == null || body.get("since").isNull()) {
                problems.add("since", "is required: an RFC 3339 timestamp such as 2026-03-28T10:15:00Z");
            }
            Instant end = until.orElse(now);
            if (since.isPresent() && problems.isEmpty()) {
                if (!end.isAfter(since.get())) {
                    problems.add(until.isPresent() ? "until" : "since", until.isPresent() ? "must be after since" : "must be in the past");
                } else if (Duration.between(since.get(), end).compareTo(MAX_WINDOW) > 0) {
                    problems.add(until.isPresent() ? "until" : "since", "the window is longer than 14 days; recover it in windows "
                            + "of at most 14 days (a mistyped date would otherwise re-send weeks of deliveries)");
                }
            }
            problems.throwIfAny();
            return new Window(since.orElseThrow(), end);
        }

        private static Optional<Instant> time(JsonNode body, String field, Problems problems) {
            JsonNode value = body.get(field);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isString()) {
                problems.add(field, "must be an RFC 3339 timestamp such as 2026-03-28T10:15:00Z");
                return Optional.empty();
            }
            return DeliveryLogController.time(field, value.stringValue(), problems);
        }
    }

    /** The re-delivery queued: follow it in the delivery's attempts. */
    public record Redelivered(String deliveryId, int attempt) {
    }

    public record Recovered(int queued) {
    }
}
