package io.hookline.gateway.auth;

import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ApiPaths;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.schemas.crypto.DocKeys;
import io.hookline.schemas.principal.Role;
import java.time.Clock;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates the short-lived key a dataset gets as {@code DEFINITE_API_KEY}:
 * {@code dk_<base64url(v1|teamId|docId|executionId|expiresEpochSeconds)>.<base64url(HMAC-SHA256)>},
 * signed by the executor with a key derived from {@code hookline.secrets.key} ({@link DocKeys}, shared with
 * the executor's minter). Such a key is a {@code member} of the doc's team and is accepted only on the write-back paths ({@code /v4/tables/...}) and their SQL ({@code /v4/sql}). Runs before
 * {@link ApiKeyFilter}, which leaves requests it authenticated alone.
 */
public final class DocKeyFilter implements WebFilter, Ordered {

    private static final String BEARER = "Bearer ";
    private static final String ALLOWED_PATHS = "/v4/tables/";
    private static final String SQL_PATH = "/v4/sql";

    private final DocKeys keys;
    private final Clock clock;

    public DocKeyFilter(String base64SecretsKey, Clock clock) {
        this.keys = new DocKeys(base64SecretsKey);
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return ApiKeyFilter.ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (!ApiPaths.isApi(exchange) || authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || !authorization.substring(BEARER.length()).trim().startsWith(DocKeys.PREFIX)) {
            return chain.filter(exchange);
        }
        Optional<Caller> caller = verify(authorization.substring(BEARER.length()).trim());
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (caller.isEmpty() || !path.startsWith(ALLOWED_PATHS) && !path.equals(SQL_PATH)) {
            return Mono.error(new ApiException(ErrorCode.UNAUTHORIZED, "Invalid API key."));
        }
        exchange.getAttributes().put(Caller.ATTRIBUTE, caller.get());
        return chain.filter(exchange);
    }

    /** The caller a doc key stands for, or empty when it is malformed, forged or expired. */
    Optional<Caller> verify(String token) {
        return keys.verify(token, clock.instant()).map(claim -> new Caller("doc:" + claim.docId(), claim.teamId(), Role.MEMBER));
    }
}
