package io.hookline.gateway.webhook;

import io.hookline.schemas.audit.Actor;
import io.hookline.gateway.audit.AuditLog;
import io.hookline.gateway.deliverylog.DeliveryIndex;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.avro.AuditResourceType;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SecretCipher;
import java.time.Clock;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit log as the webhook API writes it: a webhook before and after is its API representation
 * without what changes on its own (last delivery, stats); the audit log redacts the secret and the
 * custom headers' values.
 */
final class WebhookAudit {

    private final AuditLog log;
    private final DeliveryIndex deliveries;
    private final JsonMapper mapper;
    private final Clock clock;
    private final SecretCipher cipher;

    WebhookAudit(AuditLog log, DeliveryIndex deliveries, JsonMapper mapper, Clock clock, SecretCipher cipher) {
        this.log = log;
        this.deliveries = deliveries;
        this.mapper = mapper;
        this.clock = clock;
        this.cipher = cipher;
    }

    /** A change by this request's caller; completes with {@code after} once the entry is written. */
    Mono<Webhook> changed(ServerWebExchange exchange, AuditAction action, Webhook before, Webhook after) {
        return log.changed(exchange, action, AuditResourceType.WEBHOOK, (after != null ? after : before).getId(), view(before), view(after))
                .thenReturn(after != null ? after : before);
    }

    Mono<Webhook> changed(ServerWebExchange exchange, AuditAction action, Webhooks.Change change) {
        return changed(exchange, action, change.before(), change.after());
    }

    /** A change a component asked for (the deliverer's disable). */
    Mono<Void> changed(Actor actor, AuditAction action, Webhooks.Change change) {
        return log.changed(actor, change.after().getTenantId(), action, AuditResourceType.WEBHOOK, change.after().getId(),
                view(change.before()), view(change.after()));
    }

    /** Something done with a webhook that changes no field of it (a test send): {@code details} say what. */
    Mono<Void> acted(ServerWebExchange exchange, AuditAction action, String webhookId, Object details) {
        return log.changed(exchange, action, AuditResourceType.WEBHOOK, webhookId, null, details);
    }

    /** The webhook's signing secret: rotated, or revealed (an audited read, written before the secret is shown). */
    Mono<Void> secret(ServerWebExchange exchange, AuditAction action, String webhookId, Object before, Object after) {
        return action == AuditAction.REVEAL
                ? log.read(exchange, action, AuditResourceType.SECRET, webhookId, after)
                : log.changed(exchange, action, AuditResourceType.SECRET, webhookId, before, after);
    }

    private ObjectNode view(Webhook webhook) {
        if (webhook == null) {
            return null;
        }
        ObjectNode json = mapper.valueToTree(WebhookJson.from(webhook, cipher, deliveries, clock.instant()));
        json.remove("lastDelivery");
        json.remove("stats");
        return json;
    }
}
