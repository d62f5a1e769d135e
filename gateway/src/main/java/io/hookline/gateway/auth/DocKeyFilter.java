package io.hookline.gateway.auth;

import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ApiPaths;
import io.hookline.gateway.web.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates the short-lived key a dataset gets as {@code DEFINITE_API_KEY}:
 * {@code dk_<base64url(v1|teamId|docId|executionId|expiresEpochSeconds)>.<base64url(HMAC-SHA256)>},
 * signed by the executor with a key derived from {@code hookline.secrets.key} (the executor's
 * {@code DocKeyMinter} is the other half; keep them in agreement). Such a key is a {@code member} of
 * the doc's team and is accepted only on the write-back paths ({@code /v4/tables/...}). Runs before
 * {@link ApiKeyFilter}, which leaves requests it authenticated alone.
 */
public final class DocKeyFilter implements WebFilter, Ordered {

    static final String PREFIX = "dk_";
    private static final String BEARER = "Bearer ";
    private static final String ALLOWED_PATHS = "/v4/tables/";

    private final byte[] signingKey;
    private final Clock clock;

    public DocKeyFilter(String base64SecretsKey, Clock clock) {
        this.signingKey = hmac(Base64.getDecoder().decode(base64SecretsKey), "hookline-doc-key-v1".getBytes(StandardCharsets.US_ASCII));
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
                || !authorization.substring(BEARER.length()).trim().startsWith(PREFIX)) {
            return chain.filter(exchange);
        }
        Optional<Caller> caller = verify(authorization.substring(BEARER.length()).trim());
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (caller.isEmpty() || !path.startsWith(ALLOWED_PATHS)) {
            return Mono.error(new ApiException(ErrorCode.UNAUTHORIZED, "Invalid API key."));
        }
        exchange.getAttributes().put(Caller.ATTRIBUTE, caller.get());
        return chain.filter(exchange);
    }

    /** The caller a doc key stands for, or empty when it is malformed, forged or expired. */
    Optional<Caller> verify(String token) {
        int dot = token.indexOf('.');
        if (!token.startsWith(PREFIX) || dot < 0) {
            return Optional.empty();
        }
        String payload = token.substring(PREFIX.length(), dot);
        byte[] signature;
        String[] fields;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            fields = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(signature, hmac(signingKey, payload.getBytes(StandardCharsets.US_ASCII)))
                || fields.length != 5 || !fields[0].equals("v1")) {
            return Optional.empty();
        }
        try {
            if (clock.instant().getEpochSecond() > Long.parseLong(fields[4])) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new Caller("doc:" + fields[2], fields[1], Role.MEMBER));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
