package io.hookline.deliverer.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Runs work concurrently within limits: at most {@code maxInFlight} at once overall, at most
 * {@code maxPerEndpoint} per endpoint, and, while another team waits, at most
 * {@code maxInFlightPerTeam} per team. Work above an endpoint's limit waits in that endpoint's own
 * queue, so a slow endpoint fills only its own slots; when the global limit is what holds work
 * back, teams take turns and then their endpoints ({@link Teams}). A team may buffer at most
 * {@code maxBufferedPerTeam} while another team is active; beyond that its work that would wait anyway (behind its endpoint's
 * queue) is parked ({@link Parking}) to come back when the team has drained, so that one team's
 * backlog never fills the buffer and pauses the consumer for everyone, while its endpoints that
 * keep up still run at once. Thread-safe: work is submitted by the consumer thread and finishes on any thread.
 *
 * @param <T> one unit of work
 */
final class Dispatcher<T> {

    static final Duration MIN_OVERFLOW_WAIT = Duration.ofSeconds(1);
    static final Duration MAX_OVERFLOW_WAIT = Duration.ofMinutes(5);

    /** The dispatcher's bounds; the per-team ones at or above the global ones switch fairness off. */
    record Limits(int maxInFlight, int maxPerEndpoint, int maxInFlightPerTeam, int maxBufferedPerTeam) {
    }

    private final Limits limits;
    private final Function<T, CompletionStage<?>> runner;
    private final BiConsumer<T, Throwable> finished;
    private final Function<T, Lane> lanes;
    private final Function<T, String> teamOf;
    private final Parking<T> parking;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final Waits<T> waits;
    /** Every queued unit in the order queued, to tell {@link #waits} of those queued longer than {@link Waits#GRACE}. */
    private final ArrayDeque<Queued<T>> aging = new ArrayDeque<>();
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    /** Endpoints with queued work held back by their rate limit; {@link #tick()} looks at them again. */
    private final List<Endpoint<T>> throttled = new ArrayList<>();

    private final Map<String, Endpoint<T>> endpoints = new HashMap<>();
    /** Endpoints with queued work and a free slot of their own, by team, waiting for a global slot. */
    private final Teams<Endpoint<T>> teams;
    private int inFlight;
    private int queued;

    /**
     * @param runner   starts one unit of work; the stage completes when it is finished
     * @param finished told of every finished unit, with the failure if its stage failed
     */
    Dispatcher(int maxInFlight, int maxPerEndpoint, Function<T, CompletionStage<?>> runner, BiConsumer<T, Throwable> finished) {
        this(maxInFlight, maxPerEndpoint, runner, finished, work -> Lane.CONCURRENT, Parking.none(), System::nanoTime);
    }

    /** One team: no per-team bounds. */
    Dispatcher(int maxInFlight, int maxPerEndpoint, Function<T, CompletionStage<?>> runner, BiConsumer<T, Throwable> finished,
               Function<T, Lane> lanes, Parking<T> parking, LongSupplier nanoTime) {
        this(new Limits(maxInFlight, maxPerEndpoint, maxInFlight, Integer.MAX_VALUE), runner, finished, lanes, work -> "",
                parking, nanoTime, Clock.systemUTC());
    }

    /**
     * @param lanes    how an endpoint's work may run, read from its latest work (FIFO, rate limit)
     * @param teamOf   the team a unit belongs to
     * @param parking  which finished work holds its endpoint back, and where held-back and overflowing work waits
     * @param nanoTime the time source of rate limits
     * @param clock    the time source of until when parked work waits
     */
    Dispatcher(Limits limits, Function<T, CompletionStage<?>> runner, BiConsumer<T, Throwable> finished,
               Function<T, Lane> lanes, Function<T, String> teamOf, Parking<T> parking, LongSupplier nanoTime, Clock clock) {
        this(limits, runner, finished, lanes, teamOf, parking, Waits.none(), nanoTime, clock);
    }

    /** @param waits told of the work that cannot start at once, and why */
    Dispatcher(Limits limits, Function<T, CompletionStage<?>> runner, BiConsumer<T, Throwable> finished,
               Function<T, Lane> lanes, Function<T, String> teamOf, Parking<T> parking, Waits<T> waits, LongSupplier nanoTime,
               Clock clock) {
        this.waits = waits;
        this.limits = limits;
        this.runner = runner;
        this.finished = finished;
        this.lanes = lanes;
        this.teamOf = teamOf;
        this.parking = parking;
        this.nanoTime = nanoTime;
        this.clock = clock;
        this.teams = new Teams<>(limits.maxInFlightPerTeam());
    }

    /**
     * How one endpoint's work runs: {@code fifo} = one at a time, in submission order; a positive
     * {@code ratePerSecond} = started at most that often (work waits for its turn, it never fails).
     */
    record Lane(boolean fifo, int ratePerSecond) {
        static final Lane CONCURRENT = new Lane(false, 0);
    }

    void submit(String endpointKey, T work) {
        List<Started<T>> start = new ArrayList<>(1);
        Lane lane = lanes.apply(work);
        synchronized (this) {
            Endpoint<T> endpoint = endpoints.computeIfAbsent(endpointKey, key -> new Endpoint<>(key, teams.team(teamOf.apply(work))));
            if (endpoint.inFlight == 0 && endpoint.queue.isEmpty()) {
                endpoint.team = teams.team(endpoint.team.id); // a held, idle endpoint may outlive its team's entry
            }
            if (endpoint.heldUntil != null) {
                if (!parking.releases(work, endpoint.heldUntil)) {
                    parking.park(work, endpoint.heldUntil);
                    waits.waiting(work, endpoint.heldBehind == null ? new Waits.NoSlot<>(endpoint.heldUntil)
                            : new Waits.Behind<>(endpoint.heldBehind, endpoint.heldUntil));
                    return;
                }
                endpoint.heldUntil = null;
                endpoint.heldBehind = null;
            }
            endpoint.fifo = lane.fifo();
            endpoint.limit = lane.fifo() ? 1 : limits.maxPerEndpoint();
            configureRate(endpointKey, lane.ratePerSecond());
            long now = nanoTime.getAsLong();
            teams.seen(endpoint.team, now);
            boolean wouldWait = !endpoint.queue.isEmpty() || endpoint.inFlight >= endpoint.limit;
            if (wouldWait && endpoint.team.buffered >= limits.maxBufferedPerTeam() && teams.othersActive(endpoint.team, now)
                    && overflow(endpoint, work, lane)) {
                if (endpoint.inFlight == 0 && endpoint.queue.isEmpty() && endpoint.heldUntil == null) {
                    endpoints.remove(endpointKey);
                }
                return;
            }
            Queued<T> entry = new Queued<>(work, endpoint, now);
            endpoint.queue.addLast(entry);
            aging.addLast(entry);
            queued++;
            endpoint.team.buffered++;
            if (endpoint.inFlight < endpoint.limit && !endpoint.ready && !endpoint.throttled) {
                endpoint.ready = true;
                teams.ready(endpoint.team, endpoint);
            }
            takeStartable(start);
        }
        start(start);
    }

    /**
     * The team has its share of the buffer: park the work until the team has had time to drain.
     * A FIFO endpoint is held so that nothing overtakes what is parked; one with a unit in flight
     * is held once that finishes (meanwhile it queues), so its order is kept. Returns whether parked.
     */
    private boolean overflow(Endpoint<T> endpoint, T work, Lane lane) {
        Instant until = overflowUntil(endpoint.team);
        if (!lane.fifo()) {
            parking.park(work, until);
            waits.waiting(work, new Waits.NoSlot<>(until));
            return true;
        }
        if (endpoint.inFlight > 0) {
            endpoint.overflowing = true;
            return false;
        }
        hold(endpoint, until, null);
        parking.park(work, until);
        waits.waiting(work, new Waits.NoSlot<>(until));
        return true;
    }

    /**
     * When a team's overflowing unit should come back: once the team has had time to finish what it
     * has buffered, and then one unit per unit of time it takes to finish one, so that overflow comes
     * back about as fast as the team drains (not all at once, to overflow again). Within
     * [{@link #MIN_OVERFLOW_WAIT}, {@link #MAX_OVERFLOW_WAIT}] from now.
     */
    private Instant overflowUntil(Teams.Team<?> team) {
        Instant now = clock.instant();
        double rate = team.finishedPerSecond();
        if (rate <= 0) {
            rate = Math.max(1, team.inFlight); // not measured yet: guess a second a delivery
        }
        Instant drained = now.plusMillis((long) (team.buffered / rate * 1000));
        Instant from = team.overflowCursor != null && team.overflowCursor.isAfter(drained) ? team.overflowCursor : drained;
        Instant next = from.plusNanos((long) (1e9 / rate));
        Instant earliest = now.plus(MIN_OVERFLOW_WAIT);
        Instant latest = now.plus(MAX_OVERFLOW_WAIT);
        next = next.isBefore(earliest) ? earliest : next.isAfter(latest) ? latest : next;
        team.overflowCursor = next;
        return next;
    }

    /** Releases endpoints whose rate limit allows work again; the consumer thread calls it every poll. */
    void tick() {
        List<Started<T>> start = new ArrayList<>();
        synchronized (this) {
            long now = nanoTime.getAsLong();
            for (Iterator<Endpoint<T>> it = throttled.iterator(); it.hasNext(); ) {
                Endpoint<T> endpoint = it.next();
                TokenBucket bucket = buckets.get(endpoint.key);
                if (bucket == null || bucket.available(now)) {
                    it.remove();
                    endpoint.throttled = false;
                    if (!endpoint.queue.isEmpty() && endpoint.inFlight < endpoint.limit && !endpoint.ready) {
                        endpoint.ready = true;
                        teams.ready(endpoint.team, endpoint);
                    }
                }
            }
            buckets.entrySet().removeIf(e -> !endpoints.containsKey(e.getKey()) && e.getValue().full(now));
            teams.prune(now);
            takeStartable(start);
            tellLongWaits(now);
        }
        start(start);
    }

    /**
     * Tells of the units queued longer than the grace and not started behind a rate limit or in a FIFO
     * lane: everything queued after such a unit waits at least as long, so the whole queue is told at
     * once (each unit with its own expected time). A unit that only waits for a slot (its endpoint's,
     * a global one or its team's share) is not told: its offset is not committed past while it is
     * queued, so the gateway's read of the backlog shows it queued at no cost per delivery, where
     * telling cost one delivery-log write for most deliveries of a saturated deliverer (issue 13).
     */
    private void tellLongWaits(long now) {
        long grace = Waits.GRACE.toNanos();
        for (Queued<T> oldest; (oldest = aging.peekFirst()) != null && (oldest.gone || now - oldest.since >= grace); ) {
            aging.pollFirst();
            if (oldest.gone || oldest.told) {
                continue;
            }
            Endpoint<T> endpoint = oldest.endpoint;
            TokenBucket bucket = buckets.get(endpoint.key);
            if ((endpoint.throttled && bucket != null) || (endpoint.fifo && endpoint.inFlight > 0)) {
                tellQueue(endpoint, bucket, now);
            }
        }
    }

    /**
     * Tells of the endpoint's queued units not told yet. They are the queue's tail: units are told in
     * the order queued (the oldest first, or a whole queue at once), so only the new ones are walked.
     */
    private void tellQueue(Endpoint<T> endpoint, TokenBucket bucket, long now) {
        List<Queued<T>> untold = new ArrayList<>();
        T ahead = endpoint.running;
        for (Iterator<Queued<T>> it = endpoint.queue.descendingIterator(); it.hasNext(); ) {
            Queued<T> entry = it.next();
            if (entry.told) {
                ahead = entry.work;
                break;
            }
            untold.add(entry);
        }
        int position = endpoint.queue.size() - untold.size();
        for (int i = untold.size() - 1; i >= 0; i--) {
            Queued<T> entry = untold.get(i);
            position++;
            tell(entry, endpoint.throttled && bucket != null
                    ? new Waits.RateLimited<>(clock.instant().plusNanos(bucket.nanosUntil(now, position)))
                    : new Waits.Behind<>(ahead, null));
            ahead = entry.work;
        }
    }

    private void tell(Queued<T> entry, Waits.Wait<T> why) {
        entry.told = true;
        waits.waiting(entry.work, why);
    }

    /** Endpoints waiting for their rate limit. */
    synchronized int throttled() {
        return throttled.size();
    }

    private void configureRate(String key, int ratePerSecond) {
        if (ratePerSecond <= 0) {
            buckets.remove(key);
        } else {
            TokenBucket bucket = buckets.get(key);
            if (bucket == null || bucket.rate() != ratePerSecond) {
                buckets.put(key, new TokenBucket(ratePerSecond, nanoTime.getAsLong()));
            }
        }
    }

    /** In flight plus queued: what the consumer has handed over and is not finished. */
    synchronized int buffered() {
        return inFlight + queued;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    /** Endpoints held back by {@link Parking}. */
    synchronized int held() {
        return (int) endpoints.values().stream().filter(e -> e.heldUntil != null).count();
    }

    /** Drops queued (not started) work matching the filter, e.g. of revoked partitions; returns how many. */
    int discardQueued(Predicate<T> filter) {
        synchronized (this) {
            int discarded = 0;
            for (Iterator<Endpoint<T>> it = endpoints.values().iterator(); it.hasNext(); ) {
                Endpoint<T> endpoint = it.next();
                int before = endpoint.queue.size();
                endpoint.queue.removeIf(entry -> {
                    boolean drop = filter.test(entry.work);
                    entry.gone |= drop;
                    return drop;
                });
                int dropped = before - endpoint.queue.size();
                discarded += dropped;
                endpoint.team.buffered -= dropped;
                if (endpoint.queue.isEmpty()) {
                    unready(endpoint);
                    if (endpoint.inFlight == 0 && endpoint.heldUntil == null) {
                        it.remove();
                    }
                }
            }
            queued -= discarded;
            return discarded;
        }
    }

    private void done(Endpoint<T> endpoint, T work, Object result, Throwable failure) {
        // reported before the slot is freed: whoever sees inFlight() drop has the report already
        finished.accept(work, failure);
        Instant holdUntil = failure == null ? parking.holdAfter(work, result) : null;
        List<Started<T>> start = new ArrayList<>();
        synchronized (this) {
            inFlight--;
            endpoint.inFlight--;
            endpoint.team.buffered--;
            teams.finished(endpoint.team, nanoTime.getAsLong());
            // held behind the finished unit (FIFO retry), or because its team overflowed (then behind nothing)
            T behind = holdUntil == null ? null : work;
            if (holdUntil == null && endpoint.overflowing) {
                holdUntil = overflowUntil(endpoint.team);
            }
            endpoint.overflowing = false;
            if (holdUntil != null) {
                hold(endpoint, holdUntil, behind);
            }
            if (!endpoint.queue.isEmpty() && !endpoint.ready && !endpoint.throttled && endpoint.inFlight < endpoint.limit) {
                endpoint.ready = true;
                teams.ready(endpoint.team, endpoint);
            }
            if (endpoint.inFlight == 0 && endpoint.queue.isEmpty() && endpoint.heldUntil == null) {
                endpoints.remove(endpoint.key);
            }
            takeStartable(start);
        }
        start(start);
    }

    /**
     * Holds the endpoint back and parks its queued work, in order, behind the hold.
     *
     * @param behind the unit whose result holds the endpoint; null when its team's overflow does
     */
    private void hold(Endpoint<T> endpoint, Instant until, T behind) {
        endpoint.heldUntil = until;
        endpoint.heldBehind = behind;
        for (Queued<T> entry; (entry = endpoint.queue.pollFirst()) != null; ) {
            entry.gone = true;
            queued--;
            endpoint.team.buffered--;
            parking.park(entry.work, until);
            waits.waiting(entry.work, behind == null ? new Waits.NoSlot<>(until) : new Waits.Behind<>(behind, until));
        }
        unready(endpoint);
    }

    private void unready(Endpoint<T> endpoint) {
        if (endpoint.ready) {
            endpoint.ready = false;
            teams.remove(endpoint.team, endpoint);
        }
        if (endpoint.throttled) {
            endpoint.throttled = false;
            throttled.remove(endpoint);
        }
    }

    /** Moves work from ready endpoints into flight while global slots are free, one per endpoint per turn. */
    private void takeStartable(List<Started<T>> start) {
        long now = nanoTime.getAsLong();
        while (inFlight < limits.maxInFlight() && !teams.isEmpty()) {
            Endpoint<T> endpoint = teams.next();
            TokenBucket bucket = buckets.get(endpoint.key);
            if (bucket != null && !bucket.tryTake(now)) {
                endpoint.ready = false;
                endpoint.throttled = true;
                throttled.add(endpoint);
                continue;
            }
            Queued<T> entry = endpoint.queue.pollFirst();
            entry.gone = true;
            T work = entry.work;
            endpoint.running = work;
            queued--;
            inFlight++;
            endpoint.inFlight++;
            teams.started(endpoint.team);
            start.add(new Started<>(endpoint, work));
            endpoint.ready = !endpoint.queue.isEmpty() && endpoint.inFlight < endpoint.limit;
            if (endpoint.ready) {
                teams.ready(endpoint.team, endpoint);
            }
        }
    }

    /** Starts outside the lock: a runner may finish synchronously and re-enter. */
    private void start(List<Started<T>> start) {
        for (Started<T> started : start) {
            CompletionStage<?> stage;
            try {
                stage = runner.apply(started.work());
            } catch (RuntimeException e) {
                done(started.endpoint(), started.work(), null, e);
                continue;
            }
            stage.whenComplete((result, failure) -> done(started.endpoint(), started.work(), result, failure));
        }
    }

    private record Started<T>(Endpoint<T> endpoint, T work) {
    }

    /** A queued unit, and whether it has started or left (gone) or was told of as waiting. */
    private static final class Queued<T> {
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

    private static final class Endpoint<T> {
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
    }
}
