package io.hookline.deliverer.dispatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The endpoints' rate limits for the {@link Dispatcher}: a {@link TokenBucket} per rate-limited endpoint,
 * and the endpoints whose queued work waits for a token. Not thread-safe: the dispatcher holds its lock.
 *
 * @param <T> one unit of work
 */
final class RateLimits<T> {

    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    /** Endpoints with queued work held back by their rate limit; {@link #released} looks at them again. */
    private final List<Endpoint<T>> throttled = new ArrayList<>();

    RateLimits(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The endpoint's rate from its latest work: 0 or less is none; a changed rate starts a new, full bucket. */
    void configure(String key, int ratePerSecond) {
        if (ratePerSecond <= 0) {
            buckets.remove(key);
        } else {
            TokenBucket bucket = buckets.get(key);
            if (bucket == null || bucket.rate() != ratePerSecond) {
                buckets.put(key, new TokenBucket(ratePerSecond, nanoTime.getAsLong()));
            }
        }
    }

    /** The endpoint's bucket; null when it has no rate limit. */
    TokenBucket bucket(String key) {
        return buckets.get(key);
    }

    /** Takes a token for the endpoint's next unit; without one, the endpoint waits for its rate limit instead of a slot. */
    boolean take(Endpoint<T> endpoint, long now) {
        TokenBucket bucket = buckets.get(endpoint.key);
        if (bucket != null && !bucket.tryTake(now)) {
            endpoint.ready = false;
            endpoint.throttled = true;
            throttled.add(endpoint);
            return false;
        }
        return true;
    }

    /** Whether the endpoint's queue waits for its rate limit (and not for a slot). */
    boolean waiting(Endpoint<T> endpoint) {
        return endpoint.throttled && buckets.get(endpoint.key) != null;
    }

    /** The endpoint no longer waits for a token (its queue is gone). */
    void forget(Endpoint<T> endpoint) {
        if (endpoint.throttled) {
            endpoint.throttled = false;
            throttled.remove(endpoint);
        }
    }

    /**
     * The throttled endpoints whose rate limit allows work again, no longer throttled; then forgets the full
     * buckets of endpoints the dispatcher no longer knows ({@code known}), since a full bucket changes nothing.
     */
    List<Endpoint<T>> released(long now, Predicate<String> known) {
        List<Endpoint<T>> released = new ArrayList<>();
        for (Iterator<Endpoint<T>> it = throttled.iterator(); it.hasNext(); ) {
            Endpoint<T> endpoint = it.next();
            TokenBucket bucket = buckets.get(endpoint.key);
            if (bucket == null || bucket.available(now)) {
                it.remove();
                endpoint.throttled = false;
                released.add(endpoint);
            }
        }
        buckets.entrySet().removeIf(e -> !known.test(e.getKey()) && e.getValue().full(now));
        return released;
    }

    /** Endpoints waiting for their rate limit. */
    int throttled() {
        return throttled.size();
    }
}
