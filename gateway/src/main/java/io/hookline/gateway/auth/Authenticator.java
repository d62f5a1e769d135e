package io.hookline.gateway.auth;

import io.hookline.gateway.kafka.CaughtUp;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.principal.ApiKey;
import io.hookline.schemas.principal.Role;
import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Turns an {@code Authorization} header into a {@link Caller} using the principals view. Until the
 * view has caught up after start-up a key cannot be judged, so that is a 503, not a 401.
 */
public final class Authenticator {

    private static final String BEARER = "Bearer ";

    private final TopicView<Principal> principals;
    private final Duration readyTimeout;

    public Authenticator(TopicView<Principal> principals, Duration readyTimeout) {
        this.principals = principals;
        this.readyTimeout = readyTimeout;
    }

    public Mono<Caller> authenticate(String authorization) {
        Optional<ApiKey> key = bearer(authorization).flatMap(ApiKey::parse);
        if (key.isEmpty()) {
            return Mono.error(unauthorized(authorization == null ? "Missing API key: send 'Authorization: Bearer <key>'." : "Invalid API key."));
        }
        return CaughtUp.within(principals.caughtUp(), readyTimeout, "principals view not caught up")
                .onErrorMap(e -> !(e instanceof KafkaUnavailableException), e -> new KafkaUnavailableException("principals view failed", e))
                .then(Mono.fromCallable(() -> check(key.get())));
    }

    Caller check(ApiKey key) {
        Principal principal = principals.get(key.userId()).orElse(null);
        // Hash even for unknown users so that timing does not reveal which user ids exist.
        boolean matches = key.matches(principal == null ? ApiKey.hash("") : principal.getKeyHash());
        if (principal == null || !matches) {
            throw unauthorized("Invalid API key.");
        }
        Role role = Role.of(principal.getRole()).orElseThrow(() -> unauthorized("Invalid API key."));
        return new Caller(principal.getUserId(), principal.getTeamId(), role);
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).trim());
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(ErrorCode.UNAUTHORIZED, message);
    }
}
