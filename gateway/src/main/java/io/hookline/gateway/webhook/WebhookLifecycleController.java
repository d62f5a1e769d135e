package io.hookline.gateway.webhook;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.avro.WebhookAction;
import io.hookline.schemas.crypto.SecretCipher;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code PATCH}, {@code DELETE /v4/webhooks/{id}} and {@code POST …/disable}, {@code …/enable}. */
@RestController
public class WebhookLifecycleController {

    private final Webhooks webhooks;
    private final WebhookRequestValidator validator;
    private final WebhookViews views;
    private final JsonBodyReader bodies;
    private final SecretCipher cipher;
    private final WebhookAudit audit;

    WebhookLifecycleController(Webhooks webhooks, WebhookRequestValidator validator, WebhookViews views, JsonBodyReader bodies,
            SecretCipher cipher, WebhookAudit audit) {
        this.webhooks = webhooks;
        this.validator = validator;
        this.views = views;
        this.bodies = bodies;
        this.cipher = cipher;
        this.audit = audit;
    }

    @PatchMapping(path = "/v4/webhooks/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    public Mono<Envelope.Success<WebhookJson>> patch(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return webhooks.require(caller.teamId(), id).map(caller::managing)
                .then(bodies.read(exchange))
                .map(body -> validator.validatePatch(caller.teamId(), body))
                .flatMap(patch -> webhooks.change(caller.teamId(), id, WebhookAction.UPDATE, command -> command.setChanges(patch.changes(cipher))))
                .flatMap(change -> audit.changed(exchange, AuditAction.UPDATE, change))
                .map(views::json)
                .map(Envelope::of);
    }

    @PostMapping("/v4/webhooks/{id}/disable")
    public Mono<Envelope.Success<WebhookJson>> disable(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return webhooks.require(caller.teamId(), id).map(caller::managing)
                .then(webhooks.change(caller.teamId(), id, WebhookAction.USER_DISABLE, command -> {
                }))
                .flatMap(change -> audit.changed(exchange, AuditAction.DISABLE, change))
                .map(views::json)
                .map(Envelope::of);
    }

    @PostMapping("/v4/webhooks/{id}/enable")
    public Mono<Envelope.Success<WebhookJson>> enable(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return webhooks.require(caller.teamId(), id).map(caller::managing)
                .then(webhooks.change(caller.teamId(), id, WebhookAction.ENABLE, command -> {
                }))
                .flatMap(change -> audit.changed(exchange, AuditAction.ENABLE, change))
                .map(views::json)
                .map(Envelope::of);
    }

    @DeleteMapping("/v4/webhooks/{id}")
    public Mono<ResponseEntity<Void>> delete(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return webhooks.delete(caller.teamId(), id, caller::managing)
                .flatMap(deleted -> audit.changed(exchange, AuditAction.DELETE, deleted, null))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }
}
