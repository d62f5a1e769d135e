package io.hookline.deliverer.dispatch;

import java.time.Clock;
import java.time.Instant;
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
 * {@code maxBufferedPerTeam} while another team is active ({@link Overflow}); beyond that its work that would wait anyway
 * is parked ({@link Parking}), while its endpoints that keep up still run at once. Each endpoint's
 * state is an {@link Endpoint}, rate limits are {@link RateLimits}, and {@link LongWaits} tells why
 * queued work waits. Thread-safe: work is submitted by the consumer thread and finishes on any thread.
 *
 * @param <T> one unit of work
 */
final class Dispatcher<T> {

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
    private final Waits<T> waits;
    private final RateLimits<T> rates;
    private final LongWaits<T> longWaits;
    private final Map<String, Endpoint<T>> endpoints = new HashMap<>();
    /** Endpoints with queued work and a free slot of their own, by team, waiting for a global slot. */
    private final Teams<Endpoint<T>> teams;
    private final Overflow<T> overflow;
    private int inFlight;
    private int queued;
    /** Units whose slot is free again ({@link Released}) and that are not finished yet. */
    private int finishing;

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
        this.teams = new Teams<>(limits.maxInFlightPerTeam());
        this.overflow = new Overflow<>(limits.maxBufferedPerTeam(), teams, clock);
        this.rates = new RateLimits<>(nanoTime);
        this.longWaits = new LongWaits<>(waits, rates, clock);
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
            if (endpoint.idle()) {
                endpoint.team = teams.team(endpoint.team.id); // a held, idle endpoint may outlive its team's entry
            }
            if (endpoint.heldUntil != null) {
                if (!parking.releases(work, endpoint.heldUntil)) {
                    parking.park(work, endpoint.heldUntil);
                    waits.waiting(work, endpoint.heldWait());
                    return;
                }
                endpoint.release();
            }
            endpoint.follow(lane, limits.maxPerEndpoint());
            rates.configure(endpointKey, lane.ratePerSecond());
            long now = nanoTime.getAsLong();
            teams.seen(endpoint.team, now);
            Overflow.Decision decision = overflow.decide(endpoint, lane.fifo(), now);
            if (decision instanceof Overflow.Park park) {
                if (park.holdEndpoint()) {
                    hold(endpoint, park.until(), null);
                }
                parking.park(work, park.until());
                waits.waiting(work, new Waits.NoSlot<>(park.until()));
                if (endpoint.unused()) {
                    endpoints.remove(endpointKey);
                }
                return;
            }
            if (decision instanceof Overflow.HoldAfterRunning) {
                endpoint.overflowing = true;
            }
            longWaits.queued(endpoint.enqueue(work, now));
            queued++;
            endpoint.team.buffered++;
            readyIfStartable(endpoint);
            takeStartable(start);
        }
        start(start);
    }

    /** Releases endpoints whose rate limit allows work again; the consumer thread calls it every poll. */
    void tick() {
        List<Started<T>> start = new ArrayList<>();
        synchronized (this) {
            long now = nanoTime.getAsLong();
            for (Endpoint<T> endpoint : rates.released(now, endpoints::containsKey)) {
                readyIfStartable(endpoint);
            }
            teams.prune(now);
            takeStartable(start);
            longWaits.tell(now);
        }
        start(start);
    }

    /** Endpoints waiting for their rate limit. */
    synchronized int throttled() {
        return rates.throttled();
    }

    /**
     * What a unit's stage may complete with to free its slot before the unit is finished: its endpoint may
     * start the next while {@code finished} completes (a delivery's attempt is still being recorded), and the
     * unit is reported when it does. {@code result} is what the slot's release goes by ({@link Parking#holdAfter}).
     */
    record Released(Object result, CompletionStage<?> finished) {
    }

    /** In flight, queued and finishing: what the consumer has handed over and is not finished. */
    synchronized int buffered() {
        return inFlight + queued + finishing;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    /** In flight, or released and not finished yet: what stopping waits for. */
    synchronized int unfinished() {
        return inFlight + finishing;
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
                int dropped = endpoint.discard(filter);
                discarded += dropped;
                endpoint.team.buffered -= dropped;
                if (endpoint.queue.isEmpty()) {
                    unready(endpoint);
                    if (endpoint.unused()) {
                        it.remove();
                    }
                }
            }
            queued -= discarded;
            return discarded;
        }
    }

    private void done(Endpoint<T> endpoint, T work, Object result, Throwable failure) {
        Instant holdUntil;
        if (failure == null && result instanceof Released released) {
            synchronized (this) {
                finishing++;
            }
            released.finished().whenComplete((ignored, failed) -> {
                finished.accept(work, failed);
                synchronized (this) {
                    finishing--;
                }
            });
            holdUntil = parking.holdAfter(work, released.result());
        } else {
            // reported before the slot is freed: whoever sees unfinished() drop has the report already
            finished.accept(work, failure);
            holdUntil = failure == null ? parking.holdAfter(work, result) : null;
        }
        List<Started<T>> start = new ArrayList<>();
        synchronized (this) {
            inFlight--;
            endpoint.inFlight--;
            endpoint.team.buffered--;
            teams.finished(endpoint.team, nanoTime.getAsLong());
            // held behind the finished unit (FIFO retry), or because its team overflowed (then behind nothing)
            T behind = holdUntil == null ? null : work;
            if (holdUntil == null && endpoint.overflowing) {
                holdUntil = overflow.until(endpoint.team);
            }
            endpoint.overflowing = false;
            if (holdUntil != null) {
                hold(endpoint, holdUntil, behind);
            }
            readyIfStartable(endpoint);
            if (endpoint.unused()) {
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
        for (Endpoint.Queued<T> entry : endpoint.hold(until, behind)) {
            queued--;
            endpoint.team.buffered--;
            parking.park(entry.work, until);
            waits.waiting(entry.work, endpoint.heldWait());
        }
        unready(endpoint);
    }

    /** The endpoint waits for a global slot if it has work, a slot of its own, and is not waiting already or throttled. */
    private void readyIfStartable(Endpoint<T> endpoint) {
        if (endpoint.shouldBeReady()) {
            endpoint.ready = true;
            teams.ready(endpoint.team, endpoint);
        }
    }

    private void unready(Endpoint<T> endpoint) {
        if (endpoint.ready) {
            endpoint.ready = false;
            teams.remove(endpoint.team, endpoint);
        }
        rates.forget(endpoint);
    }

    /** Moves work from ready endpoints into flight while global slots are free, one per endpoint per turn. */
    private void takeStartable(List<Started<T>> start) {
        long now = nanoTime.getAsLong();
        while (inFlight < limits.maxInFlight() && !teams.isEmpty()) {
            Endpoint<T> endpoint = teams.next();
            if (!rates.take(endpoint, now)) {
                continue;
            }
            T work = endpoint.startNext();
            queued--;
            inFlight++;
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
}
