package io.hookline.gateway.idempotency;

import io.hookline.schemas.avro.IdempotentResponse;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Where claims and answers of {@code Idempotency-Key}s are written and read back: the topic and this
 * gateway's view of it in production ({@link TopicIdempotencyLog}); an interface so that the order in
 * which entries of concurrent requests are applied can be set by a test.
 */
interface IdempotencyLog {

    /** Completes once the view has read what the log held at start-up. */
    Mono<Void> ready();

    /** What the view keeps of a key now (after {@link IdempotencyStore#merge}), as stored. */
    Optional<IdempotentResponse> get(String storeKey);

    /** Appends an entry; completes once this gateway's view has applied it. */
    Mono<Void> append(IdempotentResponse entry);
}
