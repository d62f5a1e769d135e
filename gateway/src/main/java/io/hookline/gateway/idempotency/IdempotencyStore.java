package io.hookline.gateway.idempotency;

import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.schemas.avro.IdempotentResponse;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * First responses to requests with an {@code Idempotency-Key}, kept on the compacted
 * {@code hookline.idempotency} topic (key {@code team|key}) and read from this gateway's view of it,
 * so they hold across restarts and for every gateway instance. A response counts for 24 h; the
 * topic's own retention removes it later. Bodies are stored encrypted (AES-GCM, the signing secrets'
 * key): a first response may hold a webhook's secret or a new API key, which must never rest in clear.
 */
final class IdempotencyStore {

    static final Duration TTL = Duration.ofHours(24);

    private final TopicView<IdempotentResponse> view;
    private final GatewayPublisher publisher;
    private final SecretCipher cipher;
    private final Clock clock;
    private final Duration writeTimeout;

    IdempotencyStore(TopicView<IdempotentResponse> view, GatewayPublisher publisher, SecretCipher cipher, Clock clock, Duration writeTimeout) {
        this.view = view;
        this.publisher = publisher;
        this.cipher = cipher;
        this.clock = clock;
        this.writeTimeout = writeTimeout;
    }

    static String storeKey(String teamId, String key) {
        return teamId + "|" + key;
    }

    /** Completes once the view has read what the topic held at start-up, so a restart forgets nothing. */
    Mono<Void> ready() {
        return Mono.fromFuture(view::caughtUp)
                .timeout(writeTimeout, Mono.error(() -> new KafkaUnavailableException("idempotency view not caught up within " + writeTimeout)));
    }

    /** The first response stored under this key within the last 24 h, its body decrypted. */
    Optional<IdempotentResponse> find(String teamId, String key) {
        return view.get(storeKey(teamId, key))
                .filter(r -> r.getCreatedAt().plus(TTL).isAfter(clock.instant()))
                .map(r -> IdempotentResponse.newBuilder(r).setBody(r.getBody().isEmpty() ? "" : cipher.decrypt(r.getBody())).build());
    }

    /** Stores a first response; completes once this gateway's view holds it. */
    Mono<Void> save(String teamId, String key, String requestHash, int status, String body) {
        IdempotentResponse response = new IdempotentResponse(teamId, key, requestHash, status,
                body.isEmpty() ? "" : cipher.encrypt(body), clock.instant());
        String storeKey = storeKey(teamId, key);
        return publisher.send(Topics.IDEMPOTENCY, null, storeKey, response)
                .flatMap(metadata -> Mono.fromFuture(() -> view.awaitOffset(metadata.partition(), metadata.offset(), writeTimeout)))
                .onErrorMap(TimeoutException.class, e -> new KafkaUnavailableException(
                        "idempotent response was written but the view did not show it within " + writeTimeout, e));
    }
}
