package io.hookline.deliverer.dispatch;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * One endpoint's part of the {@link Dispatcher}: its own queue and slots, its lane (FIFO or not), whether
 * it waits for a global slot (ready) or for its rate limit (throttled), and whether it is held back
 * (see {@link Parking}), which is also why the work it holds waits. Not thread-safe: the dispatcher
 * holds its lock.
 *
 * @param <T> one unit of work
 */
final class Endpoint<T> {

    final String key;
    Teams.Team<Endpoint<T>> team;
    final ArrayDeque<Queued<T>> queue = new ArrayDeque<>();
    boolean fifo;
    /** The unit started last: what a FIFO endpoint's queue waits behind. */
    T running;
    /** The unit whose result holds the endpoint back; null when not held or held for its team's overflow. */
    T heldBehind;
    int inFlight;
    int limit = 1;
    boolean ready;
    boolean throttled;
    /** Held back until a unit returns from behind this time (see {@link Parking}); null: not held. */
    Instant heldUntil;
    /** A FIFO endpoint whose team overflowed while it had a unit in flight: held once that finishes. */
    boolean overflowing;

    Endpoint(String key, Teams.Team<Endpoint<T>> team) {
        this.key = key;
        this.team = team;
    }

    /** Takes the lane of its latest work: a FIFO endpoint runs one unit at a time. */
    void follow(Dispatcher.Lane lane, int maxPerEndpoint) {
        fifo = lane.fifo();
        limit = lane.fifo() ? 1 : maxPerEndpoint;
    }

    /** Nothing running, nothing queued. */
    boolean idle() {
        return inFlight == 0 && queue.isEmpty();
    }

    /** Idle and not held: the dispatcher may forget it. */
    boolean unused() {
        return idle() && heldUntil == null;
    }

    /** Whether new work would queue rather than start: others are queued before it, or its slots are taken. */
    boolean wouldWait() {
        return !queue.isEmpty() || inFlight >= limit;
    }

    /** Has queued work and a free slot of its own, and is neither waiting for a global slot already nor for its rate limit. */
    boolean shouldBeReady() {
        return !queue.isEmpty() && !ready && !throttled && inFlight < limit;
    }

    /** Why work that comes while the endpoint is held waits. */
    Waits.Wait<T> heldWait() {
        return heldBehind == null ? new Waits.NoSlot<>(heldUntil) : new Waits.Behind<>(heldBehind, heldUntil);
    }

    /**
     * Holds the endpoint back and takes its queued work, in order, out of the queue (to be parked behind the hold).
     *
     * @param behind the unit whose result holds the endpoint; null when its team's overflow does
     */
    List<Queued<T>> hold(Instant until, T behind) {
        heldUntil = until;
        heldBehind = behind;
        List<Queued<T>> taken = new ArrayList<>(queue.size());
        for (Queued<T> entry; (entry = queue.pollFirst()) != null; ) {
            entry.gone = true;
            taken.add(entry);
        }
        return taken;
    }

    /** No longer held: work comes in again. */
    void release() {
        heldUntil = null;
        heldBehind = null;
    }

    /** Queues the unit behind the others; {@code now} in nanoseconds. */
    Queued<T> enqueue(T work, long now) {
        Queued<T> entry = new Queued<>(work, this, now);
        queue.addLast(entry);
        return entry;
    }

    /** Drops the queued (not started) units matching the filter; returns how many. */
    int discard(Predicate<T> filter) {
        int before = queue.size();
        queue.removeIf(entry -> {
            boolean drop = filter.test(entry.work);
            entry.gone |= drop;
            return drop;
        });
        return before - queue.size();
    }

    /** Takes the next queued unit into flight. */
    T startNext() {
        Queued<T> entry = queue.pollFirst();
        entry.gone = true;
        running = entry.work;
        inFlight++;
        return entry.work;
    }

    /**
     * The queued units not told of yet as waiting, oldest first, and the unit before the first of them (what
     * it waits behind). They are the queue's tail: units are told in the order queued (the oldest first, or
     * a whole queue at once), so only the new ones are walked.
     */
    Untold<T> untold() {
        List<Queued<T>> untold = new ArrayList<>();
        T ahead = running;
        for (var it = queue.descendingIterator(); it.hasNext(); ) {
            Queued<T> entry = it.next();
            if (entry.told) {
                ahead = entry.work;
                break;
            }
            untold.add(entry);
        }
        Collections.reverse(untold);
        return new Untold<>(ahead, queue.size() - untold.size(), untold);
    }

    /** @param told how many queued units before the untold ones were told already */
    record Untold<T>(T ahead, int told, List<Queued<T>> units) {
    }

    /** A queued unit, and whether it has started or left (gone) or was told of as waiting. */
    static final class Queued<T> {
        final T work;
        final Endpoint<T> endpoint;
        final long since;
        boolean gone;
        boolean told;

        Queued(T work, Endpoint<T> endpoint, long since) {
            this.work = work;
            this.endpoint = endpoint;
            this.since = since;
        }
    }
}
