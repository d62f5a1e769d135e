package io.hookline.deliverer.dispatch;

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
 * Runs work concurrently with two limits: at most {@code maxInFlight} at once overall and at most
 * {@code maxPerEndpoint} at once per endpoint. Work above an endpoint's limit waits in that
 * endpoint's own queue, so a slow endpoint fills only its own slots and never delays another's
 * work. When the global limit is what holds work back, endpoints take turns (round robin).
 * Thread-safe: work is submitted by the consumer thread and finishes on any thread.
 *
 * @param <T> one unit of work
 */
final class Dispatcher<T> {

    private final int maxInFlight;
    private final int maxPerEndpoint;
    private final Function<T, CompletionStage<?>> runner;
    private final BiConsumer<T, Throwable> finished;
    private final Function<T, Lane> lanes;
    private final Parking<T> parking;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    /** Endpoints with queued work held back by their rate limit; {@link #tick()} looks at them again. */
    private final List<Endpoint<T>> throttled = new ArrayList<>();

    private final Map<String, Endpoint<T>> endpoints = new HashMap<>();
    /** Endpoints with queued work and a free slot of their own, waiting for a global slot. */
    private final ArrayDeque<Endpoint<T>> ready = new ArrayDeque<>();
    private int inFlight;
    private int queued;

    /**
     * @param runner   starts one unit of work; the stage completes when it is finished
     * @param finished told of every finished unit, with the failure if its stage failed
     */
    Dispatcher(int maxInFlight, int maxPerEndpoint, Function<T, CompletionStage<?>> runner, BiConsumer<T, Throwable> finished) {
        this(maxInFlight, maxPerEndpoint, runner, finished, work -> Lane.CONCURRENT, Parking.none(), System::nanoTime);
    }

    /**
     * @param lanes    how an endpoint's work may run, read from its latest work (FIFO, rate limit)
     * @param parking  which finished work holds its endpoint back, and where held-back work waits
     * @param nanoTime the time source of rate limits
     */
    Dispatcher(int maxInFlight, int maxPerEndpoint, Function<T, CompletionStage<?>> runner, BiConsumer<T, Throwable> finished,
               Function<T, Lane> lanes, Parking<T> parking, LongSupplier nanoTime) {
        this.maxInFlight = maxInFlight;
        this.maxPerEndpoint = maxPerEndpoint;
        this.runner = runner;
        this.finished = finished;
        this.lanes = lanes;
        this.parking = parking;
        this.nanoTime = nanoTime;
    }

    /**
     * Holding an endpoint back without a slot: when a unit's result says its endpoint must wait (a
     * FIFO webhook whose delivery went to the retry topic), the endpoint's queued and later work is
     * parked, in order, until a unit comes back from behind the hold. Nothing of a held endpoint is
     * in flight or queued here, so it takes no global slot, no memory and pins no offset.
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
            Endpoint<T> endpoint = endpoints.computeIfAbsent(endpointKey, Endpoint::new);
            if (endpoint.heldUntil != null) {
                if (!parking.releases(work, endpoint.heldUntil)) {
                    parking.park(work, endpoint.heldUntil);
                    return;
                }
                endpoint.heldUntil = null;
            }
            endpoint.limit = lane.fifo() ? 1 : maxPerEndpoint;
            configureRate(endpointKey, lane.ratePerSecond());
            endpoint.queue.addLast(work);
            queued++;
            if (endpoint.inFlight < endpoint.limit && !endpoint.ready && !endpoint.throttled) {
                endpoint.ready = true;
                ready.addLast(endpoint);
            }
            takeStartable(start);
        }
        start(start);
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
                        ready.addLast(endpoint);
                    }
                }
            }
            buckets.entrySet().removeIf(e -> !endpoints.containsKey(e.getKey()) && e.getValue().full(now));
            takeStartable(start);
        }
        start(start);
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

    /** Drops queued (not started) work matching the filter, e.g. of revoked partitions; returns how many. */
    int discardQueued(Predicate<T> filter) {
        synchronized (this) {
            int discarded = 0;
            for (Iterator<Endpoint<T>> it = endpoints.values().iterator(); it.hasNext(); ) {
                Endpoint<T> endpoint = it.next();
                int before = endpoint.queue.size();
                endpoint.queue.removeIf(filter);
                discarded += before - endpoint.queue.size();
                if (endpoint.queue.isEmpty()) {
                    if (endpoint.ready) {
                        endpoint.ready = false;
                        ready.remove(endpoint);
                    }
                    if (endpoint.throttled) {
                        endpoint.throttled = false;
                        throttled.remove(endpoint);
                    }
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
            if (holdUntil != null) {
                hold(endpoint, holdUntil);
            }
            if (!endpoint.queue.isEmpty() && !endpoint.ready && !endpoint.throttled && endpoint.inFlight < endpoint.limit) {
                endpoint.ready = true;
                ready.addLast(endpoint);
            }
            if (endpoint.inFlight == 0 && endpoint.queue.isEmpty() && endpoint.heldUntil == null) {
                endpoints.remove(endpoint.key);
            }
            takeStartable(start);
        }
        start(start);
    }

    /** Holds the endpoint back and parks its queued work, in order, behind the hold. */
    private void hold(Endpoint<T> endpoint, Instant until) {
        endpoint.heldUntil = until;
        for (T queuedWork; (queuedWork = endpoint.queue.pollFirst()) != null; ) {
            queued--;
            parking.park(queuedWork, until);
        }
        if (endpoint.ready) {
            endpoint.ready = false;
            ready.remove(endpoint);
        }
        if (endpoint.throttled) {
            endpoint.throttled = false;
            throttled.remove(endpoint);
        }
    }

    /** Endpoints held back by {@link Parking}. */
    synchronized int held() {
        return (int) endpoints.values().stream().filter(e -> e.heldUntil != null).count();
    }

    /** Moves work from ready endpoints into flight while global slots are free, one per endpoint per turn. */
    private void takeStartable(List<Started<T>> start) {
        long now = nanoTime.getAsLong();
        while (inFlight < maxInFlight && !ready.isEmpty()) {
            Endpoint<T> endpoint = ready.pollFirst();
            TokenBucket bucket = buckets.get(endpoint.key);
            if (bucket != null && !bucket.tryTake(now)) {
                endpoint.ready = false;
                endpoint.throttled = true;
                throttled.add(endpoint);
                continue;
            }
            T work = endpoint.queue.pollFirst();
            queued--;
            inFlight++;
            endpoint.inFlight++;
            start.add(new Started<>(endpoint, work));
            endpoint.ready = !endpoint.queue.isEmpty() && endpoint.inFlight < endpoint.limit;
            if (endpoint.ready) {
                ready.addLast(endpoint);
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

    private static final class Endpoint<T> {
        final String key;
        final ArrayDeque<T> queue = new ArrayDeque<>();
        int inFlight;
        int limit = 1;
        boolean ready;
        boolean throttled;
        /** Held back until a unit returns from behind this time (see {@link Parking}); null: not held. */
        Instant heldUntil;

        Endpoint(String key) {
            this.key = key;
        }
    }
}
