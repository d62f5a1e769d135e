package io.hookline.gateway.deliverylog;

import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.JsonNode;
import io.hookline.schemas.Redelivery;
import io.hookline.schemas.avro.AuditResourceType;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.gateway.audit.AuditLog;
import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.JsonBodyReader;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v4/webhooks/{id}/deliveries/{deliveryId}/redeliver} and {@code POST /v4/webhooks/{id}/recover}
 * (admin or owner): queue re-deliveries and answer 202 once Kafka has them.
 */
@RestController
public class RedeliveryController {

    private final LogAccess access;
    private final Redeliveries redeliveries;
    private final JsonBodyReader bodies;
    private final Clock clock;
    private final AuditLog audit;

    RedeliveryController(LogAccess access, Redeliveries redeliveries, JsonBodyReader bodies, Clock clock, AuditLog audit) {
        this.access = access;
        this.redeliveries = redeliveries;
        this.bodies = bodies;
        this.clock = clock;
        this.audit = audit;
    }

    @PostMapping("/v4/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    public Mono<ResponseEntity<Envelope.Success<Redelivered>>> redeliver(ServerWebExchange exchange, @PathVariable String id,
            @PathVariable String deliveryId) {
        Caller caller = Caller.of(exchange);
        return access.webhook(caller, id).map(caller::managing)
                .flatMap(webhook -> redeliveries.redeliver(webhook, deliveryId))
                .flatMap(task -> audit.changed(exchange, AuditAction.REDELIVER, AuditResourceType.WEBHOOK, id, null,
                        Redelivery.audited(task)).thenReturn(task))
                .map(task -> accepted(new Redelivered(task.getDeliveryId(), task.getAttempt())));
    }

    /** Answers 202 with how many were queued, or for a dry run 200 with how many would be. */
    @PostMapping("/v4/webhooks/{id}/recover")
    public Mono<ResponseEntity<Envelope.Success<RecoverOutcome>>> recover(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        // another team's webhook is a 404 whatever the role or the body (API.md: never reveal existence)
        return access.webhook(caller, id).map(caller::managing)
                .flatMap(webhook -> bodies.read(exchange).flatMap(body -> {
                    Recovery recovery = Recovery.of(body, clock.instant());
                    return redeliveries.recover(webhook, recovery)
                            // a dry run changes nothing: not audited
                            .flatMap(count -> recovery.dryRun() ? Mono.just(count)
                                    : audit.changed(exchange, AuditAction.RECOVER, AuditResourceType.WEBHOOK, id, null,
                                            recovered(body, count)).thenReturn(count))
                            .map(count -> recovery.dryRun()
                                    ? ResponseEntity.ok(Envelope.<RecoverOutcome>of(new RecoveryPreview(true, count)))
                                    : ResponseEntity.status(HttpStatus.ACCEPTED).body(Envelope.<RecoverOutcome>of(new Recovered(count))));
                }));
    }

    /** What a recovery asked for (its body as sent) and how many it queued. */
    private static ObjectNode recovered(JsonNode body, int queued) {
        ObjectNode json = body instanceof ObjectNode object ? object.deepCopy() : JsonNodeFactory.instance.objectNode();
        return json.put("queued", queued);
    }

    private static <T> ResponseEntity<Envelope.Success<T>> accepted(T data) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Envelope.of(data));
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
