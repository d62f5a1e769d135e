package io.hookline.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A team's share of the buffer: when its work overflows, and until when it is parked. */
class OverflowTest {

    private static final Instant NOW = Instant.parse("2026-03-28T10:00:00Z");
    /** Late enough that a team never seen does not count as active. */
    private static final long NANOS = 10 * Teams.ACTIVE_NANOS;

    private final Teams<Endpoint<String>> teams = new Teams<>(100);
    private final Teams.Team<Endpoint<String>> team = teams.team("a");
    private final Overflow<String> overflow = new Overflow<>(4, teams, Clock.fixed(NOW, ZoneOffset.UTC));

    /** An endpoint of team a whose only slot is taken: new work would wait. */
    private Endpoint<String> busyEndpoint(boolean fifo) {
        Endpoint<String> endpoint = new Endpoint<>("e", team);
        endpoint.follow(new Dispatcher.Lane(fifo, 0), 1);
        endpoint.inFlight = 1;
        return endpoint;
    }

    @Test
    void shouldQueueWhileTheTeamIsUnderItsShare() {
        // given another team is active and team a has buffered less than its share
        teams.seen(teams.team("b"), NANOS);
        team.buffered = 3;

        // when / then
        assertThat(overflow.decide(busyEndpoint(false), false, NANOS)).isInstanceOf(Overflow.Queue.class);
    }

    @Test
    void shouldQueueBeyondTheShareWhenNoOtherTeamIsActive() {
        // given team a alone, with its share buffered
        team.buffered = 4;

        // when / then: a deployment of one team keeps the whole buffer
        assertThat(overflow.decide(busyEndpoint(false), false, NANOS)).isInstanceOf(Overflow.Queue.class);
    }

    @Test
    void shouldParkBeyondTheShareUntilTheTeamHasDrainedAndSpaceTheNextOneUnitApart() {
        // given another team is active and team a has its share buffered, two in flight, no rate measured yet
        teams.seen(teams.team("b"), NANOS);
        team.buffered = 4;
        team.inFlight = 2;

        // when
        Overflow.Decision first = overflow.decide(busyEndpoint(false), false, NANOS);
        Overflow.Decision second = overflow.decide(busyEndpoint(false), false, NANOS);

        // then: guessed at 2 a second, 4 buffered drain in 2 s, and each overflowing unit comes back 0.5 s after the one before
        assertThat(first).isEqualTo(new Overflow.Park(NOW.plusMillis(2500), false));
        assertThat(second).isEqualTo(new Overflow.Park(NOW.plusMillis(3000), false));
    }

    @Test
    void shouldHoldAFifoEndpointOnlyOnceItsUnitInFlightHasFinished() {
        // given
        teams.seen(teams.team("b"), NANOS);
        team.buffered = 4;

        // when / then: its order is kept by queueing behind the unit in flight
        assertThat(overflow.decide(busyEndpoint(true), true, NANOS)).isInstanceOf(Overflow.HoldAfterRunning.class);
    }

    @Test
    void shouldHoldAnIdleFifoEndpointWithAQueueSoThatNothingOvertakesWhatIsParked() {
        // given a FIFO endpoint with nothing in flight but a queue
        teams.seen(teams.team("b"), NANOS);
        team.buffered = 4;
        Endpoint<String> endpoint = new Endpoint<>("e", team);
        endpoint.follow(new Dispatcher.Lane(true, 0), 16);
        endpoint.queue.add(new Endpoint.Queued<>("queued", endpoint, NANOS));

        // when
        Overflow.Decision decision = overflow.decide(endpoint, true, NANOS);

        // then
        assertThat(decision).isInstanceOfSatisfying(Overflow.Park.class, park -> assertThat(park.holdEndpoint()).isTrue());
    }

    @Test
    void shouldKeepTheWaitWithinItsBounds() {
        // given a team finishing ten at once with nothing buffered, and one with a huge backlog
        team.inFlight = 10;
        Teams.Team<Endpoint<String>> backlogged = teams.team("b");
        backlogged.buffered = 1_000_000;

        // when / then
        assertThat(overflow.until(team)).isEqualTo(NOW.plus(Overflow.MIN_OVERFLOW_WAIT));
        assertThat(overflow.until(backlogged)).isEqualTo(NOW.plus(Overflow.MAX_OVERFLOW_WAIT));
    }
}
