package io.hookline.deliverer.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-endpoint circuit breaker and failure clock. After {@code failureThreshold} consecutive
 * failures an endpoint's circuit opens: its deliveries wait {@code openFor} instead of hammering
 * it; then one probe is let through (half-open); a success closes the circuit, a failure opens it
 * again. An endpoint failing without a success for {@code disableAfter} is to be disabled. State
 * is in memory: a restart forgets it, which can only delay opening or disabling. Thread-safe.
 */
public final class EndpointHealth {

    /** Whether a delivery may be attempted now. */
    public sealed interface Admission {
    }

    /** Closed circuit, or the half-open probe: send it. */
    public record Allowed() implements Admission {
    }

    /** Open circuit: try again at {@code until}. */
    public record WaitUntil(Instant until) implements Admission {
    }

    /** Told of every change of a circuit (opened, opened again, closed), inside the health's lock: it must not block. */
    public interface Changes {
        Changes NONE = (endpoint, open, failures, failingSince, openUntil) -> { };

        void changed(String endpoint, boolean open, int consecutiveFailures, Instant failingSince, Instant openUntil);
    }

    private final Clock clock;
    private final Changes changes;
    private final int failureThreshold;
    private final Duration openFor;
    private final Duration disableAfter;
    private final Map<String, State> endpoints = new HashMap<>();

    public EndpointHealth(Clock clock, int failureThreshold, Duration openFor, Duration disableAfter) {
        this(clock, failureThreshold, openFor, disableAfter, Changes.NONE);
    }

    public EndpointHealth(Clock clock, int failureThreshold, Duration openFor, Duration disableAfter, Changes changes) {
        this.clock = clock;
        this.changes = changes;
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.disableAfter = disableAfter;
    }

    public synchronized Admission admit(String endpoint) {
        State state = endpoints.get(endpoint);
        if (state == null || state.openUntil == null) {
            return new Allowed();
        }
        Instant now = clock.instant();
        if (now.isBefore(state.openUntil)) {
            return new WaitUntil(state.openUntil);
        }
        if (!state.probing) {
            state.probing = true;
            return new Allowed();
        }
        // a probe is out: the others wait for its answer
        return new WaitUntil(now.plus(openFor));
    }

    /**
     * Records an attempt's result.
     *
     * @return whether the endpoint has now failed continuously for the disable period
     */
    public synchronized boolean record(String endpoint, boolean succeeded) {
        if (succeeded) {
            State was = endpoints.remove(endpoint);
            if (was != null && was.openUntil != null) {
                changes.changed(endpoint, false, 0, null, null);
            }
            return false;
        }
        Instant now = clock.instant();
        State state = endpoints.computeIfAbsent(endpoint, e -> new State(now));
        state.consecutiveFailures++;
        if (state.probing || state.consecutiveFailures >= failureThreshold) {
            boolean opening = state.openUntil == null || state.probing;
            state.probing = false;
            state.openUntil = now.plus(openFor);
            if (opening) {
                changes.changed(endpoint, true, state.consecutiveFailures, state.failingSince, state.openUntil);
            }
        }
        return !Duration.between(state.failingSince, now).minus(disableAfter).isNegative();
    }

    /** When the endpoint's current run of failures began, if it is failing. */
    public synchronized Instant failingSince(String endpoint) {
        State state = endpoints.get(endpoint);
        return state == null ? null : state.failingSince;
    }

    /** Endpoints whose circuit is open or half-open now. */
    public synchronized int openCircuits() {
        return (int) endpoints.values().stream().filter(s -> s.openUntil != null).count();
    }

    public Duration disableAfter() {
        return disableAfter;
    }

    private static final class State {
        final Instant failingSince;
        int consecutiveFailures;
        Instant openUntil;
        boolean probing;

        State(Instant failingSince) {
            this.failingSince = failingSince;
        }
    }
}
