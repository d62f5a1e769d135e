package io.hookline.gateway.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Instant T0 = Instant.parse("2026-12-01T23:00:00Z");

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1));

    @Test
    void shouldDoubleTheWaitOnEachFailureInARowUpToTheCap() {
        // given failures one right after the other resumed
        List<Duration> waits = new ArrayList<>();
        Instant now = T0;
        for (int i = 0; i < 7; i++) {
            Duration wait = backoff.failed(now);
            waits.add(wait);
            now = now.plus(wait).plusMillis(100);
        }

        // then
        assertThat(waits).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    }

    @Test
    void shouldStartFromTheFirstWaitAgainAfterAHealthyStretch() {
        // given three failures in a row
        backoff.failed(T0);
        backoff.failed(T0.plusSeconds(2));
        Duration third = backoff.failed(T0.plusSeconds(5));
        assertThat(third).isEqualTo(Duration.ofSeconds(4));

        // when the next comes a healthy minute after the loop resumed
        Duration afterCalm = backoff.failed(T0.plusSeconds(5 + 4 + 60));

        // then
        assertThat(afterCalm).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldKeepDoublingWhenTheLoopFailsSoonerThanAHealthyStretch() {
        // given
        backoff.failed(T0);

        // when the next failure comes 59 s after it resumed
        Duration second = backoff.failed(T0.plusSeconds(1 + 59));

        // then
        assertThat(second).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldRefuseACapBelowTheFirstWait() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
