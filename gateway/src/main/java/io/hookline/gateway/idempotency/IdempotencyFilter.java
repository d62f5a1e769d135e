package io.hookline.gateway.idempotency;

import io.hookline.gateway.auth.ApiKeyFilter;
import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ApiPaths;
import io.hookline.gateway.web.DataBuffers;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.schemas.avro.IdempotencyEntryKind;
import io.hookline.schemas.avro.IdempotentResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
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
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} on every {@code POST} under {@code /v4} (API.md, "Idempotency"): the first
 * successful (2xx) response is stored; a repeat with the same key and the same request within 24 h
 * gets that response again (with {@code Idempotent-Replayed: true}) and nothing runs; the same key
 * with another request is a 409. Failures are not stored, so a corrected retry may reuse its key.
 * Requests with the same key that arrive at once, at one gateway or at several, run once: each claims
 * the key on the topic, the earliest claim wins ({@link IdempotencyStore#merge}), and the others wait
 * for the winner's answer (up to {@link #WAIT}, else a 409 saying it is still in progress) and get it,
 * success or failure, as the winner's caller did.
 */
public final class IdempotencyFilter implements WebFilter, Ordered {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** How long a request waits for the answer of the one that claimed its key first: webhook creation verifies for up to 30 s. */
    static final Duration WAIT = Duration.ofSeconds(45);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;
    private final DataSize maxBodySize;
    private final WebExceptionHandler errors;

    IdempotencyFilter(IdempotencyStore store, DataSize maxBodySize, WebExceptionHandler errors) {
        this.store = store;
        this.maxBodySize = maxBodySize;
        this.errors = errors;
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
        String claimId = UUID.randomUUID().toString();
        return store.claim(teamId, key, claimId, hash).then(Mono.defer(() -> {
            // who won is what the view decided when it applied our claim, not what it holds by now
            Optional<IdempotentResponse> winner = store.winnerOver(claimId);
            if (winner.isEmpty()) {
                return run(exchange, chain, teamId, key, claimId, hash, body);
            }
            if (winner.get().getKind() != IdempotencyEntryKind.CLAIM) {
                return replay(exchange, winner.get(), hash); // answered between our look-up and our claim
            }
            if (!winner.get().getRequestHash().equals(hash)) {
                return Mono.error(differentRequest());
            }
            return answerOf(winner.get().getClaimId()).flatMap(answer -> replay(exchange, answer, hash));
        }));
    }

    /** This request won its key: it runs, and its answer is stored (a success) or released to those waiting (a failure). */
    private Mono<Void> run(ServerWebExchange exchange, WebFilterChain chain, String teamId, String key, String claimId, String hash,
            byte[] body) {
        ServerWebExchange once = exchange.mutate()
                .request(new ReplayableBody(exchange.getRequest(), body))
                .response(new CapturingResponse(exchange.getResponse(), (status, responseBody) -> answer(teamId, key, claimId, hash, status,
                        responseBody)))
                .build();
        // errors become their envelope here rather than further out, so that the failure is captured and released too
        return chain.filter(once).onErrorResume(error -> errors.handle(once, error));
    }

    /**
     * The answer of the claim this request waits on, once this gateway's view has applied it; a 409 if none
     * comes in time. Asked of that claim itself: the key may be claimed again by then.
     */
    private Mono<IdempotentResponse> answerOf(String claimId) {
        return Flux.interval(Duration.ZERO, POLL)
                .map(tick -> store.outcomeOf(claimId))
                .filter(Optional::isPresent)
                .next()
                .timeout(WAIT, Mono.empty())
                .map(Optional::get)
                .switchIfEmpty(Mono.error(() -> new ApiException(ErrorCode.CONFLICT,
                        "A request with this Idempotency-Key is still in progress; retry once it has finished.")));
    }

    /**
     * Only successes are kept: a 4xx says the request was wrong (fixable under the same key), a 5xx that we
     * were. A failure is released, so the requests waiting on this one get it and later ones run again.
     */
    private Mono<Void> answer(String teamId, String key, String claimId, String hash, HttpStatusCode status, String body) {
        Mono<Void> write = status.is2xxSuccessful()
                ? store.save(teamId, key, claimId, hash, status.value(), body)
                : store.release(teamId, key, claimId, hash, status.value(), body);
        return write.onErrorResume(e -> {
            // The work is done and must be answered; a retry of it will run again, as if without a key.
            log.warn("Could not store the response for an Idempotency-Key of team {}: {}", teamId, e.getMessage());
            return Mono.empty();
        });
    }

    private static ApiException differentRequest() {
        return new ApiException(ErrorCode.CONFLICT,
                "This Idempotency-Key was already used for a different request; use a new key for a new request.");
    }

    private static Mono<Void> replay(ServerWebExchange exchange, IdempotentResponse first, String hash) {
        if (!first.getRequestHash().equals(hash)) {
            return Mono.error(differentRequest());
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
