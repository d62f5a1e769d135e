package io.hookline.gateway.auth;

import io.hookline.gateway.web.ApiPaths;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates every {@code /v4} request before it reaches a handler; other paths pass untouched.
 * Ordered, so that filters which need the {@link Caller} (idempotency) can run after it.
 */
public final class ApiKeyFilter implements WebFilter, Ordered {

    /** Where this filter runs among WebFlux's filters; those that need the caller use a higher number. */
    public static final int ORDER = 0;

    private final Authenticator authenticator;

    public ApiKeyFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // DocKeyFilter (which runs first) may have authenticated a dataset's short-lived key already
        if (!ApiPaths.isApi(exchange) || ApiPaths.isPublic(exchange) || exchange.getAttribute(Caller.ATTRIBUTE) != null) {
            return chain.filter(exchange);
        }
        return authenticator.authenticate(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                .flatMap(caller -> {
                    exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
                    return chain.filter(exchange);
                });
    }
}
