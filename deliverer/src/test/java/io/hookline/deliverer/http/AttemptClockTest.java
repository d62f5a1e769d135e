package io.hookline.deliverer.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The timing rule with a fake clock: what is charged to the endpoint, and what is Hookline's own wait. */
class AttemptClockTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AttemptClock clock = new AttemptClock(TIMEOUT, now::get);

    @Test
    void shouldGiveARequestOnAPooledConnectionTheWholeBudgetHoweverLongItWaitedForTheConnection() {
        // given the attempt waited 5 s for a pooled connection (Hookline's queue, before the request)
        now.addAndGet(Duration.ofSeconds(5).toNanos());

        // when / then
        assertThat(clock.left(null)).isEqualTo(TIMEOUT);
    }

    @Test
    void shouldChargeANewConnectionsSetUpFromItsTurnNotFromTheWaitBeforeIt() {
        // given a set-up that waited 30 s in the queue, got its turn, then connected and shook hands in 1.5 s
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        long turnAt = now.get();
        now.addAndGet(Duration.ofMillis(1500).toNanos());

        // when / then only connect and handshake are spent
        assertThat(clock.left(turnAt)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldLeaveNothingWhenTheSetUpAloneTookTheWholeBudget() {
        // given
        long turnAt = now.get();
        now.addAndGet(Duration.ofMillis(2500).toNanos());

        // when / then
        assertThat(clock.left(turnAt)).isEqualTo(Duration.ZERO);
    }
}
