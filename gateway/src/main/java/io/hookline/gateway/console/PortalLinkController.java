package io.hookline.gateway.console;

import io.hookline.schemas.avro.AuditResourceType;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.gateway.audit.AuditLog;
import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.gateway.web.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v4/portal-links} (owner or admin) {@code {"webhookIds"?, "readOnly"?, "expiresIn"?}}:
 * a single-use URL that opens the console for the caller's team, scoped to those webhooks, without an
 * API key; {@code GET} and {@code DELETE /v4/portal-links/{id}} show and revoke it (its sessions end).
 */
@RestController
final class PortalLinkController {

    private final PortalLinks links;
    private final InProcessApi api;
    private final JsonBodyReader bodies;
    private final AuditLog audit;

    PortalLinkController(PortalLinks links, InProcessApi api, JsonBodyReader bodies, AuditLog audit) {
        this.links = links;
        this.api = api;
        this.bodies = bodies;
        this.audit = audit;
    }

    @PostMapping(path = "/v4/portal-links", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    Mono<ResponseEntity<Envelope.Success<PortalLinkJson>>> create(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).requireManager();
        return bodies.read(exchange).flatMap(body -> {
            Request request = Request.of(body);
            // every webhook must be the team's: the same lookup (and 404 rule) as GET /v4/webhooks/{id}; the
            // answer names the position only, so that it never echoes an id that might be another team's
            return Flux.range(0, request.webhookIds().size())
                    .concatMap(i -> api.webhook(exchange, request.webhookIds().get(i)).onErrorMap(ApiException.class,
                            e -> ApiException.validation("webhookIds[" + i + "]", "is not a webhook of your team")))
                    .then(Mono.fromSupplier(() -> links.issue(caller.teamId(), request.webhookIds(), request.readOnly(), request.expiresIn())));
        }).flatMap(issued -> audit.changed(exchange, AuditAction.CREATE, AuditResourceType.PORTAL_LINK, issued.link().id(), null,
                // without the url: its token opens the console
                PortalLinkJson.of(issued.link(), links.now(), null)).thenReturn(issued)).map(issued -> ResponseEntity.status(HttpStatus.CREATED).body(Envelope.of(PortalLinkJson.of(issued.link(), links.now(),
                exchange.getRequest().getURI().resolve(ConsoleFilter.PORTAL + issued.token()).toString()))));
    }

    @GetMapping("/v4/portal-links/{id}")
    Envelope.Success<PortalLinkJson> get(ServerWebExchange exchange, @PathVariable String id) {
        // another team's link is 404 for every role; only then does a member's 403 say anything (as for webhooks)
        Caller caller = Caller.of(exchange);
        PortalLinks.Link link = caller.managing(links.find(caller.teamId(), id).orElseThrow(ApiException::notFound));
        return Envelope.of(PortalLinkJson.of(link, links.now(), null));
    }

    @DeleteMapping("/v4/portal-links/{id}")
    Mono<ResponseEntity<Void>> revoke(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        PortalLinks.Link link = caller.managing(links.find(caller.teamId(), id).orElseThrow(ApiException::notFound));
        PortalLinkJson before = PortalLinkJson.of(link, links.now(), null);
        link.revoked().set(true);
        return audit.changed(exchange, AuditAction.REVOKE, AuditResourceType.PORTAL_LINK, id, before, PortalLinkJson.of(link, links.now(), null))
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** A link as the API shows it; {@code url} only in the creation response. */
    record PortalLinkJson(String id, List<String> webhookIds, boolean readOnly, String expiresAt, String status, String url) {

        static PortalLinkJson of(PortalLinks.Link link, java.time.Instant now, String url) {
            return new PortalLinkJson(link.id(), link.webhookIds(), link.readOnly(), link.expiresAt().toString(), link.status(now), url);
        }
    }

    /** The creation body: all fields optional; {@code expiresIn} in seconds, 1 s to 7 days (default 1 h). */
    record Request(List<String> webhookIds, boolean readOnly, Duration expiresIn) {

        static Request of(JsonNode body) {
            Problems problems = new Problems();
            if (!body.isObject()) {
                problems.add("", "must be a JSON object such as {\"webhookIds\": [\"wh_…\"], \"readOnly\": true, \"expiresIn\": 3600}");
                problems.throwIfAny();
            }
            List<String> ids = new ArrayList<>();
            JsonNode webhookIds = body.get("webhookIds");
            if (webhookIds != null && !webhookIds.isNull()) {
                if (!webhookIds.isArray()) {
                    problems.add("webhookIds", "must be an array of webhook ids");
                } else {
                    webhookIds.forEach(id -> {
                        if (id.isString()) {
                            ids.add(id.stringValue());
                        } else {
                            problems.add("webhookIds", "must be an array of webhook ids");
                        }
                    });
                }
            }
            JsonNode readOnly = body.get("readOnly");
            if (readOnly != null && !readOnly.isNull() && !readOnly.isBoolean()) {
                problems.add("readOnly", "must be true or false");
            }
            JsonNode expiresIn = body.get("expiresIn");
            Duration expiry = PortalLinks.DEFAULT_EXPIRY;
            if (expiresIn != null && !expiresIn.isNull()) {
                if (!expiresIn.isIntegralNumber() || expiresIn.asLong() < 1 || expiresIn.asLong() > PortalLinks.MAX_EXPIRY.toSeconds()) {
                    problems.add("expiresIn", "must be a number of seconds from 1 to " + PortalLinks.MAX_EXPIRY.toSeconds() + " (7 days)");
                } else {
                    expiry = Duration.ofSeconds(expiresIn.asLong());
                }
            }
            problems.throwIfAny();
            return new Request(List.copyOf(ids), readOnly != null && readOnly.asBoolean(), expiry);
        }
    }
}
