package io.hookline.gateway.webhook;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.event.EventCatalog;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Cursor;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.gateway.web.Problems;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.net.AddressPolicy;
import java.time.Clock;
import java.time.Duration;
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

/** {@code POST /v4/webhooks}, {@code GET /v4/webhooks}, {@code GET /v4/webhooks/{id}}. */
@RestController
public class WebhookController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    private static final Set<String> STATUSES = Set.of("pending_verification", "active", "verification_failed", "disabled");

    private final Webhooks webhooks;
    private final WebhookRequestValidator validator;
    private final JsonBodyReader bodies;

    public WebhookController(TopicView<Webhook> view, GatewayPublisher publisher, SecretCipher cipher, EventCatalog catalog,
            DeliverySettings delivery, JsonBodyReader bodies, Clock clock, Duration writeTimeout) {
        this.webhooks = new Webhooks(view, publisher, cipher, clock, writeTimeout);
        UrlChecker urls = new UrlChecker(new AddressPolicy(delivery.allowedCidrs()), delivery.allowInsecureHttp(), HostResolver.DNS);
        this.validator = new WebhookRequestValidator(catalog, urls);
        this.bodies = bodies;
    }

    @PostMapping(path = "/v4/webhooks", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    public Mono<ResponseEntity<Envelope.Success<WebhookJson>>> create(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).requireManager();
        return bodies.read(exchange)
                // validation resolves the URL's host: DNS blocks
                .publishOn(Schedulers.boundedElastic())
                .map(validator::validate)
                .flatMap(request -> webhooks.create(caller, request))
                .map(created -> ResponseEntity.status(HttpStatus.CREATED).body(Envelope.of(created)));
    }

    @GetMapping("/v4/webhooks")
    public Mono<Envelope.Page<WebhookJson>> list(ServerWebExchange exchange, @RequestParam(required = false) String status,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        Caller caller = Caller.of(exchange);
        Problems problems = new Problems();
        if (status != null && !STATUSES.contains(status)) {
            problems.add("status", "must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        int size = limit(limit, problems);
        Optional<Cursor> after = cursor(cursor, problems);
        problems.throwIfAny();
        return webhooks.ready().then(Mono.fromCallable(() -> {
            Webhooks.WebhookPage page = webhooks.list(caller.teamId(), Optional.ofNullable(status), size, after);
            return Envelope.page(page.webhooks(), page.nextCursor());
        }));
    }

    @GetMapping("/v4/webhooks/{id}")
    public Mono<Envelope.Success<WebhookJson>> get(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return webhooks.ready().then(Mono.fromCallable(() ->
                webhooks.find(caller.teamId(), id).map(WebhookJson::from).map(Envelope::of).orElseThrow(ApiException::notFound)));
    }

    private static int limit(String text, Problems problems) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        return DEFAULT_LIMIT;
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
