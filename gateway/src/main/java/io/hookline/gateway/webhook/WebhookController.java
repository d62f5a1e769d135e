package io.hookline.gateway.webhook;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Cursor;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.gateway.web.PageLimit;
import io.hookline.gateway.web.Problems;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.states.WebhookStatus;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code POST /v4/webhooks} (with verification), {@code GET /v4/webhooks}, {@code GET /v4/webhooks/{id}}. */
@RestController
public class WebhookController {

    private static final Set<String> STATUSES = Set.of(WebhookStatus.PENDING_VERIFICATION.wire(), WebhookStatus.ACTIVE.wire(),
            WebhookStatus.VERIFICATION_FAILED.wire(), WebhookStatus.DISABLED.wire());

    private final Webhooks webhooks;
    private final WebhookRequestValidator validator;
    private final WebhookViews views;
    private final Mono<Void> deliveriesReady;
    private final JsonBodyReader bodies;
    private final WebhookAudit audit;

    /** @param deliveriesReady completes once the delivery-log index holds what the log held at start-up */
    WebhookController(Webhooks webhooks, WebhookRequestValidator validator, WebhookViews views, Mono<Void> deliveriesReady,
            JsonBodyReader bodies, WebhookAudit audit) {
        this.webhooks = webhooks;
        this.validator = validator;
        this.views = views;
        this.deliveriesReady = deliveriesReady;
        this.bodies = bodies;
        this.audit = audit;
    }

    @PostMapping(path = "/v4/webhooks", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    public Mono<ResponseEntity<Envelope.Success<WebhookJson>>> create(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).requireManager();
        String secret = WebhookSecrets.generate();
        return bodies.read(exchange)
                .flatMap(body -> webhooks.ready().thenReturn(body))
                // validation resolves the URL's host: DNS blocks
                .publishOn(Schedulers.boundedElastic())
                .map(body -> validator.validate(caller.teamId(), body))
                .flatMap(request -> webhooks.create(caller, request, secret))
                .flatMap(views::verify)
                .flatMap(verified -> audit.changed(exchange, AuditAction.CREATE, null, verified))
                .map(verified -> ResponseEntity.status(HttpStatus.CREATED).body(Envelope.of(views.json(verified).withSecret(secret))));
    }

    @GetMapping("/v4/webhooks")
    public Mono<Envelope.Page<WebhookJson>> list(ServerWebExchange exchange, @RequestParam(required = false) String status,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        Caller caller = Caller.of(exchange);
        Problems problems = new Problems();
        if (status != null && !STATUSES.contains(status)) {
            problems.add("status", "must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        int size = PageLimit.parse(limit, problems);
        Optional<Cursor> after = cursor(cursor, problems);
        problems.throwIfAny();
        return webhooks.ready().then(webhooks.caughtUpToNow(caller.teamId())).then(deliveriesReady).then(Mono.fromCallable(() -> {
            Webhooks.WebhookPage page = webhooks.list(caller.teamId(), Optional.ofNullable(status), size, after, views::json);
            return Envelope.page(page.webhooks(), page.nextCursor());
        }));
    }

    @GetMapping("/v4/webhooks/{id}")
    public Mono<Envelope.Success<WebhookJson>> get(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return deliveriesReady.then(webhooks.require(caller.teamId(), id)).map(views::json).map(Envelope::of);
    }

    private static Optional<Cursor> cursor(String text, Problems problems) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Cursor.decode(text));
        } catch (ApiException e) {
            problems.addAll(e.details());
            return Optional.empty();
        }
    }
}
