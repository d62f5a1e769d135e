package io.hookline.gateway.webhook;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.event.EventType;
import io.hookline.gateway.event.EventTypes;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.gateway.web.Problems;
import io.hookline.schemas.audit.Redaction;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookAction;
import io.hookline.schemas.crypto.SecretCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an admin does to one webhook besides changing it: reveal and rotate its secret, re-run the
 * verification ({@code …/verify}) and send a test event ({@code …/test}).
 */
@RestController
public class WebhookActionsController {

    private final Webhooks webhooks;
    private final WebhookViews views;
    private final TestDeliveries tests;
    private final EventTypes catalog;
    private final SecretCipher cipher;
    private final JsonBodyReader bodies;
    private final JsonMapper mapper;
    private final Duration secretOverlap;
    private final Clock clock;
    private final WebhookAudit audit;

    WebhookActionsController(Webhooks webhooks, WebhookViews views, TestDeliveries tests, EventTypes catalog, SecretCipher cipher,
            JsonBodyReader bodies, JsonMapper mapper, Duration secretOverlap, Clock clock, WebhookAudit audit) {
        this.webhooks = webhooks;
        this.views = views;
        this.tests = tests;
        this.catalog = catalog;
        this.cipher = cipher;
        this.bodies = bodies;
        this.mapper = mapper;
        this.secretOverlap = secretOverlap;
        this.clock = clock;
        this.audit = audit;
    }

    @GetMapping("/v4/webhooks/{id}/secret")
    public Mono<Envelope.Success<SecretJson>> secret(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        // a reveal is audited before the secret is shown: no entry, no secret
        return webhooks.require(caller.teamId(), id).map(caller::managing)
                .map(webhook -> WebhookSecrets.current(webhook, cipher))
                .flatMap(secret -> audit.secret(exchange, AuditAction.REVEAL, id, null, shown(secret)).thenReturn(Envelope.of(new SecretJson(secret))));
    }

    /** A new secret signs from now on; the old ones keep signing next to it for the overlap (24 h by default). */
    @PostMapping("/v4/webhooks/{id}/secret/rotate")
    public Mono<Envelope.Success<SecretJson>> rotate(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        String secret = WebhookSecrets.generate();
        String encrypted = cipher.encrypt(secret);
        return webhooks.require(caller.teamId(), id).map(caller::managing)
                .then(webhooks.change(caller.teamId(), id, WebhookAction.ROTATE_SECRET,
                        command -> command.setSecretCiphertext(encrypted).setSecretOverlapMillis(secretOverlap.toMillis())))
                .flatMap(change -> audit.secret(exchange, AuditAction.ROTATE, id, shown(WebhookSecrets.current(change.before(), cipher)),
                        shown(secret)))
                .thenReturn(Envelope.of(new SecretJson(secret)));
    }

    /** Retry Test: the same verification as at creation, same answer shape (without the secret). */
    @PostMapping("/v4/webhooks/{id}/verify")
    public Mono<Envelope.Success<WebhookJson>> verify(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return webhooks.require(caller.teamId(), id).map(caller::managing)
                .map(WebhookActionsController::requireEnabled)
                .flatMap(before -> views.verify(before).flatMap(after -> audit.changed(exchange, AuditAction.VERIFY, before, after)))
                .map(views::json)
                .map(Envelope::of);
    }

    @PostMapping("/v4/webhooks/{id}/test")
    public Mono<ResponseEntity<Envelope.Success<TestSent>>> test(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return webhooks.require(caller.teamId(), id).map(caller::managing)
                .map(WebhookActionsController::requireEnabled)
                .zipWith(bodies.read(exchange))
                .flatMap(t -> {
                    EventType type = eventType(caller.teamId(), t.getT2());
                    return tests.send(t.getT1(), type.type(), mapper.writeValueAsString(type.sample()))
                            .flatMap(deliveryId -> audit.acted(exchange, AuditAction.TEST, id, Map.of("eventType", type.type(),
                                    "deliveryId", deliveryId)).thenReturn(deliveryId));
                })
                .map(deliveryId -> ResponseEntity.status(HttpStatus.ACCEPTED).body(Envelope.of(new TestSent(deliveryId))));
    }

    private EventType eventType(String teamId, JsonNode body) {
        Problems problems = new Problems();
        JsonNode type = body.isObject() ? body.get("eventType") : null;
        if (type == null || !type.isString()) {
            problems.add("eventType", "is required: the event type whose sample to send, such as acronym.created");
            problems.throwIfAny();
        }
        EventType found = catalog.type(teamId, type.stringValue()).orElseThrow(() -> ApiException.validation("eventType",
                "'" + type.stringValue() + "' is not an event type of the catalog (see GET /v4/event-types)"));
        if (found.sample() == null || found.sample().isNull()) {
            throw ApiException.validation("eventType", "'" + found.type() + "' has no sample payload; register it again with one");
        }
        return found;
    }

    /** A secret as the audit log shows it: never its value, a fingerprint to tell it from others. */
    private static Map<String, String> shown(String secret) {
        return Map.of("secret", Redaction.REDACTED, "fingerprint", Redaction.fingerprint(secret));
    }

    private static Webhook requireEnabled(Webhook webhook) {
        if (!webhook.getEnabled()) {
            throw new ApiException(ErrorCode.CONFLICT, "The webhook is disabled: enable it first.");
        }
        return webhook;
    }

    /** A webhook's signing secret in plaintext. */
    public record SecretJson(String secret) {
    }

    /** The delivery a test send created; follow it in the delivery log. */
    public record TestSent(String deliveryId) {
    }
}
