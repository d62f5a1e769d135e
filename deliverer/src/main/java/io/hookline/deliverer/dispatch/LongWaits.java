package io.hookline.deliverer.dispatch;

import java.time.Clock;
import java.util.ArrayDeque;

/**
 * Tells {@link Waits} of the {@link Dispatcher}'s units queued longer than {@link Waits#GRACE} behind a
 * rate limit or in a FIFO lane: everything queued after such a unit waits at least as long, so the whole
 * queue is told at once (each unit with its own expected time). A unit that only waits for a slot (its
 * endpoint's, a global one or its team's share) is not told: its offset is not committed past while it is
 * queued, so the gateway's read of the backlog shows it queued at no cost per delivery, where telling cost
 * one delivery-log write for most deliveries of a saturated deliverer (issue 13). Not thread-safe: the
 * dispatcher holds its lock.
 *
 * @param <T> one unit of work
 */
final class LongWaits<T> {

    private final Waits<T> waits;
    private final RateLimits<T> rates;
    private final Clock clock;
    /** Every queued unit in the order queued, to tell of those queued longer than the grace. */
    private final ArrayDeque<Endpoint.Queued<T>> aging = new ArrayDeque<>();

    /** @param clock the time source of the expected times told */
    LongWaits(Waits<T> waits, RateLimits<T> rates, Clock clock) {
        this.waits = waits;
        this.rates = rates;
        this.clock = clock;
    }

    void queued(Endpoint.Queued<T> entry) {
        aging.addLast(entry);
    }

    /** Tells of the units queued for the grace by {@code now} (nanoseconds) that wait for their lane; forgets those gone. */
    void tell(long now) {
        long grace = Waits.GRACE.toNanos();
        for (Endpoint.Queued<T> oldest; (oldest = aging.peekFirst()) != null && (oldest.gone || now - oldest.since >= grace); ) {
            aging.pollFirst();
            if (oldest.gone || oldest.told) {
                continue;
            }
            Endpoint<T> endpoint = oldest.endpoint;
            if (rates.waiting(endpoint) || (endpoint.fifo && endpoint.inFlight > 0)) {
                tellQueue(endpoint, now);
            }
        }
    }

    /** Tells of the endpoint's queued units not told yet, each behind the one before it or with the time its token comes. */
    private void tellQueue(Endpoint<T> endpoint, long now) {
        TokenBucket bucket = rates.bucket(endpoint.key);
        boolean rateLimited = rates.waiting(endpoint);
        Endpoint.Untold<T> untold = endpoint.untold();
        T ahead = untold.ahead();
        int position = untold.told();
        for (Endpoint.Queued<T> entry : untold.units()) {
            position++;
            entry.told = true;
            waits.waiting(entry.work, rateLimited
                    ? new Waits.RateLimited<>(clock.instant().plusNanos(bucket.nanosUntil(now, position)))
                    : new Waits.Behind<>(ahead, null));
            ahead = entry.work;
        }
    }
}
