package io.hookline.deliverer.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A team's share of the {@link Dispatcher}'s buffer: while another team is active, a team that has
 * buffered its share overflows, and its work that would wait anyway (behind its endpoint's queue) is
 * parked until the team has had time to drain, so that one team's backlog never fills the buffer and
 * pauses the consumer for everyone. Decides, and says until when; the dispatcher parks. Not
 * thread-safe: the dispatcher holds its lock.
 *
 * @param <T> one unit of work
 */
final class Overflow<T> {

    static final Duration MIN_OVERFLOW_WAIT = Duration.ofSeconds(1);
    static final Duration MAX_OVERFLOW_WAIT = Duration.ofMinutes(5);

    /** What becomes of a unit submitted to an endpoint of a team that may have overflowed. */
    sealed interface Decision {
    }

    /** Within the team's share, or nobody else is there to make room for: the unit queues. */
    record Queue() implements Decision {
    }

    /** Parked until then; a FIFO endpoint is held too ({@code holdEndpoint}), so that nothing overtakes it. */
    record Park(Instant until, boolean holdEndpoint) implements Decision {
    }

    /** A FIFO endpoint with a unit in flight: the unit queues (its order is kept) and the endpoint is held once that finishes. */
    record HoldAfterRunning() implements Decision {
    }

    private static final Decision QUEUE = new Queue();
    private static final Decision HOLD_AFTER_RUNNING = new HoldAfterRunning();

    private final int maxBufferedPerTeam;
    private final Teams<Endpoint<T>> teams;
    private final Clock clock;

    /** @param clock the time source of until when parked work waits */
    Overflow(int maxBufferedPerTeam, Teams<Endpoint<T>> teams, Clock clock) {
        this.maxBufferedPerTeam = maxBufferedPerTeam;
        this.teams = teams;
        this.clock = clock;
    }

    /** What becomes of a unit about to be queued at the endpoint, in a lane that is FIFO or not; {@code now} in nanoseconds. */
    Decision decide(Endpoint<T> endpoint, boolean fifo, long now) {
        if (!endpoint.wouldWait() || endpoint.team.buffered < maxBufferedPerTeam || !teams.othersActive(endpoint.team, now)) {
            return QUEUE;
        }
        // taken even for a unit that queues: it counts as one of the team's overflowing units
        Instant until = until(endpoint.team);
        if (fifo && endpoint.inFlight > 0) {
            return HOLD_AFTER_RUNNING;
        }
        return new Park(until, fifo);
    }

    /**
     * When a team's overflowing unit should come back: once the team has had time to finish what it
     * has buffered, and then one unit per unit of time it takes to finish one, so that overflow comes
     * back about as fast as the team drains (not all at once, to overflow again). Within
     * [{@link #MIN_OVERFLOW_WAIT}, {@link #MAX_OVERFLOW_WAIT}] from now.
     */
    Instant until(Teams.Team<?> team) {
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
}
