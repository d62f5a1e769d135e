package io.hookline.deliverer.dispatch;

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
        this(maxInFlight, maxPerEndpoint, runner, finished, work -> Lane.CONCURRENT, System::nanoTime);
    }

    /**
     * @param lanes    how an endpoint's work may run, read from its latest work (FIFO, rate limit)
     * @param nanoTime the time source of rate limits
     */
    Dispatcher(int maxInFlight, int maxPerEndpoint, Function<T, CompletionStage<?>> runner, BiConsumer<T, Throwable> finished,
               Function<T, Lane> lanes, LongSupplier nanoTime) {
        this.maxInFlight = maxInFlight;
        this.maxPerEndpoint = maxPerEndpoint;
        this.runner = runner;
        this.finished = finished;
        this.lanes = lanes;
        this.nanoTime = nanoTime;
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
                    if (endpoint.inFlight == 0) {
                        it.remove();
                    }
                }
            }
            queued -= discarded;
            return discarded;
        }
    }

    private void done(Endpoint<T> endpoint, T work, Throwable failure) {
        // reported before the slot is freed: whoever sees inFlight() drop has the report already
        finished.accept(work, failure);
        List<Started<T>> start = new ArrayList<>();
        synchronized (this) {
            inFlight--;
            endpoint.inFlight--;
            if (!endpoint.queue.isEmpty() && !endpoint.ready && !endpoint.throttled && endpoint.inFlight < endpoint.limit) {
                endpoint.ready = true;
                ready.addLast(endpoint);
            }
            if (endpoint.inFlight == 0 && endpoint.queue.isEmpty()) {
                endpoints.remove(endpoint.key);
            }
            takeStartable(start);
        }
        start(start);
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
                done(started.endpoint(), started.work(), e);
                continue;
            }
            stage.whenComplete((result, failure) -> done(started.endpoint(), started.work(), failure));
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

        Endpoint(String key) {
            this.key = key;
        }
    }
}
