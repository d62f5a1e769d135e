package io.hookline.gateway.idempotency;

import io.hookline.gateway.auth.ApiKeyFilter;
import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ApiPaths;
import io.hookline.gateway.web.DataBuffers;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.schemas.avro.IdempotentResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} on every {@code POST} under {@code /v4} (API.md, "Idempotency"): the first
 * successful (2xx) response is stored; a repeat with the same key and the same request within 24 h
 * gets that response again (with {@code Idempotent-Replayed: true}) and nothing runs; the same key
 * with another request is a 409. Failures are not stored, so a corrected retry may reuse its key.
 * Within one gateway a key has at most one request running; a second one meanwhile gets a 409.
 */
public final class IdempotencyFilter implements WebFilter, Ordered {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;
    private final DataSize maxBodySize;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    IdempotencyFilter(IdempotencyStore store, DataSize maxBodySize) {
        this.store = store;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public int getOrder() {
        // after authentication: keys belong to the caller's team
        return ApiKeyFilter.ORDER + 100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String header = exchange.getRequest().getHeaders().getFirst(RequestFingerprint.HEADER);
        if (header == null || exchange.getRequest().getMethod() != HttpMethod.POST || !ApiPaths.isApi(exchange)) {
            return chain.filter(exchange);
        }
        return Mono.defer(() -> {
            String key = RequestFingerprint.validKey(header);
            Caller caller = Caller.of(exchange);
            return DataBuffers.body(exchange.getRequest(), maxBodySize).flatMap(body -> {
                String hash = RequestFingerprint.of(caller.userId(), HttpMethod.POST.name(), pathAndQuery(exchange), body);
                return store.ready().then(Mono.defer(() -> handle(exchange, chain, caller.teamId(), key, hash, body)));
            });
        });
    }

    private Mono<Void> handle(ServerWebExchange exchange, WebFilterChain chain, String teamId, String key, String hash, byte[] body) {
        Optional<IdempotentResponse> first = store.find(teamId, key);
        if (first.isPresent()) {
            return replay(exchange, first.get(), hash);
        }
        String slot = IdempotencyStore.storeKey(teamId, key);
        if (!inFlight.add(slot)) {
            return Mono.error(new ApiException(ErrorCode.CONFLICT,
                    "A request with this Idempotency-Key is still in progress; retry once it has finished."));
        }
        // It may have finished between the look-up and taking the slot.
        Optional<IdempotentResponse> finished = store.find(teamId, key);
        if (finished.isPresent()) {
            inFlight.remove(slot);
            return replay(exchange, finished.get(), hash);
        }
        ServerWebExchange once = exchange.mutate()
                .request(new ReplayableBody(exchange.getRequest(), body))
                .response(new CapturingResponse(exchange.getResponse(), (status, responseBody) -> save(teamId, key, hash, status, responseBody)))
                .build();
        return chain.filter(once).doFinally(signal -> inFlight.remove(slot));
    }

    /** Only successes are kept: a 4xx says the request was wrong (fixable under the same key), a 5xx that we were. */
    private Mono<Void> save(String teamId, String key, String hash, HttpStatusCode status, String body) {
        if (!status.is2xxSuccessful()) {
            return Mono.empty();
        }
        return store.save(teamId, key, hash, status.value(), body)
                .onErrorResume(e -> {
                    // The work is done and must be answered; a retry of it will run again, as if without a key.
                    log.warn("Could not store the response for an Idempotency-Key of team {}: {}", teamId, e.getMessage());
                    return Mono.empty();
                });
    }

    private static Mono<Void> replay(ServerWebExchange exchange, IdempotentResponse first, String hash) {
        if (!first.getRequestHash().equals(hash)) {
            return Mono.error(new ApiException(ErrorCode.CONFLICT,
                    "This Idempotency-Key was already used for a different request; use a new key for a new request."));
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(first.getStatus()));
        response.getHeaders().set(REPLAYED_HEADER, "true");
        if (first.getBody().isEmpty()) {
            return response.setComplete();
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(first.getBody().getBytes(StandardCharsets.UTF_8))));
    }

    private static String pathAndQuery(ServerWebExchange exchange) {
        String query = exchange.getRequest().getURI().getRawQuery();
        return exchange.getRequest().getPath().pathWithinApplication().value() + (query == null ? "" : "?" + query);
    }

    /** The request with its body, already read to fingerprint it, served again to the handler. */
    private static final class ReplayableBody extends ServerHttpRequestDecorator {

        private final byte[] body;

        ReplayableBody(ServerHttpRequest delegate, byte[] body) {
            super(delegate);
            this.body = body;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            if (body.length == 0) {
                return Flux.empty();
            }
            return Flux.defer(() -> Flux.just(org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance.wrap(body)));
        }
    }
}
