package io.hookline.gateway.audit;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id, so that an audit entry names the request that made it: the client's
 * {@code X-Request-Id} when it is a plain token (so a client can correlate its own logs), else a new
 * {@code req_…}. Answered in the response's {@code X-Request-Id}. Runs before authentication, so even a
 * 401 carries it.
 */
public final class RequestIds implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIds.class.getName();
    /** No spaces or control characters, bounded: it goes into logs and the audit log as it is. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = accepted(exchange.getRequest().getHeaders().getFirst(HEADER));
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(exchange);
    }

    /** The request's id; one is made up for an exchange that did not pass the filter (none in production). */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        return id != null ? id : accepted(null);
    }

    static String accepted(String header) {
        if (header != null && ACCEPTED.matcher(header).matches()) {
            return header;
        }
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }
}
