package io.hookline.gateway.auth;

import io.hookline.gateway.web.ApiPaths;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Authenticates every {@code /v4} request before it reaches a handler; other paths pass untouched. */
public final class ApiKeyFilter implements WebFilter {

    private final Authenticator authenticator;

    public ApiKeyFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ApiPaths.isApi(exchange)) {
            return chain.filter(exchange);
        }
        return authenticator.authenticate(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                .flatMap(caller -> {
                    exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
                    return chain.filter(exchange);
                });
    }
}
