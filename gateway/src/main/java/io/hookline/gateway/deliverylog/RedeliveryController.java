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

    /** Answers 202 with how many were queued, or for a dry run 200 with how many would be. */
    @PostMapping("/v4/webhooks/{id}/recover")
    public Mono<ResponseEntity<Envelope.Success<RecoverOutcome>>> recover(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        // another team's webhook is a 404 whatever the role or the body (API.md: never reveal existence)
        return access.webhook(caller, id).map(caller::managing)
                .flatMap(webhook -> bodies.read(exchange)
                        .map(body -> Recovery.of(body, clock.instant()))
                        .flatMap(recovery -> redeliveries.recover(webhook, recovery)
                                .map(count -> recovery.dryRun()
                                        ? ResponseEntity.ok(Envelope.<RecoverOutcome>of(new RecoveryPreview(true, count)))
                                        : ResponseEntity.status(HttpStatus.ACCEPTED).body(Envelope.<RecoverOutcome>of(new Recovered(count))))));
    }

    private static <T> ResponseEntity<Envelope.Success<T>> accepted(T data) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Envelope.of(data));
    }

    /** The window of a recovery: {@code since} (required) to {@code until} (default now), at most 14 days. */
    record Window(Instant since, Instant until) {

        /** The window of a body that is an object; null with the problems added when it has none. */
        static Window of(JsonNode body, Instant now, Problems problems) {
            Problems mine = new Problems();
            Optional<Instant> since = time(body, "since", mine);
            Optional<Instant> until = time(body, "until", mine);
            if (body.get("since") == null || body.get("since").isNull()) {
                mine.add("since", "is required: an RFC 3339 timestamp such as 2026-03-28T10:15:00Z");
            }
            Instant end = until.orElse(now);
            if (since.isPresent() && mine.isEmpty()) {
                if (!end.isAfter(since.get())) {
                    mine.add(until.isPresent() ? "until" : "since", until.isPresent() ? "must be after since" : "must be in the past");
                } else if (Duration.between(since.get(), end).compareTo(MAX_WINDOW) > 0) {
                    mine.add(until.isPresent() ? "until" : "since", "the window is longer than 14 days; recover it in windows "
                            + "of at most 14 days (a mistyped date would otherwise re-send weeks of deliveries)");
                }
            }
            problems.addAll(mine.list());
            return mine.isEmpty() ? new Window(since.orElseThrow(), end) : null;
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

    /** What a recovery answers. */
    public sealed interface RecoverOutcome permits Recovered, RecoveryPreview {
    }

    /** The re-deliveries queued. */
    public record Recovered(int queued) implements RecoverOutcome {
    }

    /** A dry run: how many re-deliveries the same request without {@code dryRun} would queue now. */
    public record RecoveryPreview(boolean dryRun, int wouldQueue) implements RecoverOutcome {
    }
}
