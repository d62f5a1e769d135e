package io.hookline.deliverer.dispatch;

import java.time.Duration;
import java.time.Instant;

/**
 * Told when a unit of the dispatcher's work cannot start at once, and why, so that the delivery log
 * can show it as pending (issue 13). Each unit is told once per wait: once when it has been queued
 * longer than {@link #GRACE} behind a rate limit or a FIFO delivery, or at once when it is parked; a
 * unit that is parked after it was told of a queue wait is told again, because that is a new wait
 * with a new expected time. A unit queued only for a slot is not told (see {@link LongWaits}). Called under
 * the dispatcher's lock, before the unit can start: hand it over, do not block.
 *
 * @param <T> one unit of the dispatcher's work
 */
interface Waits<T> {

    /**
     * How long a unit may wait in the dispatcher's queues before it counts as waiting. Shorter waits
     * are the ordinary hand-over between tasks under load (a FIFO lane's next delivery waiting a few
     * milliseconds for the current one): telling of them would add a delivery-log write to most
     * deliveries of a busy deliverer for a state nobody can see (the API and the console refresh in
     * seconds), against issue 15's throughput.
     */
    Duration GRACE = Duration.ofMillis(250);

    void waiting(T work, Wait<T> why);

    static <T> Waits<T> none() {
        return (work, why) -> { };
    }

    /** Why a unit waits; {@code expectedAt} is when it is expected to start, null when unknown. */
    sealed interface Wait<T> {

        Instant expectedAt();
    }

    /** Its endpoint's rate limit: the tokens it needs come then. */
    record RateLimited<T>(Instant expectedAt) implements Wait<T> {
    }

    /** Behind an earlier unit of its FIFO endpoint, {@code ahead}; the time is known when the endpoint is held. */
    record Behind<T>(T ahead, Instant expectedAt) implements Wait<T> {
    }

    /**
     * Parked until a time for a slot: its team overflowed its share of the buffer. (A unit queued for a
     * slot in memory is not told: the gateway finds it in the deliverer's backlog.)
     */
    record NoSlot<T>(Instant expectedAt) implements Wait<T> {
    }
}
