package io.hookline.deliverer.dispatch;

import java.time.Instant;

/**
 * Holding an endpoint back without a slot: when a unit's result says its endpoint must wait (a
 * FIFO webhook whose delivery went to the retry topic), the endpoint's queued and later work is
 * parked, in order, until a unit comes back from behind the hold. Nothing of a held endpoint is
 * in flight or queued here, so it takes no global slot, no memory and pins no offset. A team over
 * its share of the buffer has its overflow parked the same way, to come back later.
 *
 * @param <T> one unit of the dispatcher's work
 */
interface Parking<T> {

    /** Until when the finished unit's endpoint is held, from the unit's result; null: not held. */
    Instant holdAfter(T work, Object result);

    /** Whether the unit comes back from behind a hold that lasted until {@code until}, which ends the hold. */
    boolean releases(T work, Instant until);

    /** Parks a unit behind a hold. Called under the dispatcher's lock, in order: hand it over, do not block. */
    void park(T work, Instant until);

    static <T> Parking<T> none() {
        return new Parking<>() {
            @Override
            public Instant holdAfter(T work, Object result) {
                return null;
            }

            @Override
            public boolean releases(T work, Instant until) {
                return true;
            }

            @Override
            public void park(T work, Instant until) {
                throw new IllegalStateException("nothing is held without parking");
            }
        };
    }
}
