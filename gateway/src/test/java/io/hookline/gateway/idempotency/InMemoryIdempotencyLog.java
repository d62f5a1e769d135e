package io.hookline.gateway.idempotency;

import io.hookline.schemas.avro.IdempotentResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/** A log whose view applies each entry at once, through the same merge as the topic's view; a test decides the order. */
final class InMemoryIdempotencyLog implements IdempotencyLog {

    private final Map<String, IdempotentResponse> view = new HashMap<>();
    private final ClaimOutcomes merge;
    private volatile Consumer<IdempotentResponse> afterAppend = entry -> { };

    InMemoryIdempotencyLog(ClaimOutcomes merge) {
        this.merge = merge;
    }

    /** Runs after each entry appended through {@link #append}: entries of other requests that landed right behind it. */
    void afterAppend(Consumer<IdempotentResponse> action) {
        this.afterAppend = action;
    }

    /** Entries of other requests (other gateways), applied now together: no read sees the view between them. */
    synchronized void apply(IdempotentResponse... entries) {
        for (IdempotentResponse entry : entries) {
            view.merge(IdempotencyStore.storeKey(entry.getTeamId(), entry.getKey()), entry, merge);
        }
    }

    @Override
    public Mono<Void> ready() {
        return Mono.empty();
    }

    @Override
    public synchronized Optional<IdempotentResponse> get(String storeKey) {
        return Optional.ofNullable(view.get(storeKey));
    }

    @Override
    public Mono<Void> append(IdempotentResponse entry) {
        return Mono.fromRunnable(() -> {
            apply(entry);
            afterAppend.accept(entry);
        });
    }
}
