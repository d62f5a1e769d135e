package io.hookline.deliverer.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EndpointHealthTest {

    private static final Instant START = Instant.parse("2026-03-28T10:15:00Z");
    private final MutableClock clock = new MutableClock(START);
    private final EndpointHealth health = new EndpointHealth(clock, 3, Duration.ofSeconds(30), Duration.ofDays(5));

    @Test
    void shouldOpenAfterTheThresholdOfConsecutiveFailuresAndMakeDeliveriesWait() {
        health.record("wh_a", false);
        health.record("wh_a", false);
        assertThat(health.admit("wh_a")).isInstanceOf(EndpointHealth.Allowed.class);

        health.record("wh_a", false);

        assertThat(health.admit("wh_a")).isEqualTo(new EndpointHealth.WaitUntil(START.plusSeconds(30)));
        assertThat(health.admit("wh_b")).isInstanceOf(EndpointHealth.Allowed.class);
        assertThat(health.openCircuits()).isEqualTo(1);
    }

    @Test
    void shouldLetOneProbeThroughWhenHalfOpenAndCloseOnItsSuccess() {
        openCircuit();
        clock.advance(Duration.ofSeconds(30));

        assertThat(health.admit("wh_a")).isInstanceOf(EndpointHealth.Allowed.class);
        assertThat(health.admit("wh_a")).isInstanceOf(EndpointHealth.WaitUntil.class);

        health.record("wh_a", true);

        assertThat(health.admit("wh_a")).isInstanceOf(EndpointHealth.Allowed.class);
        assertThat(health.openCircuits()).isZero();
    }

    @Test
    void shouldOpenAgainWhenTheProbeFails() {
        openCircuit();
        clock.advance(Duration.ofSeconds(30));
        health.admit("wh_a");

        health.record("wh_a", false);

        assertThat(health.admit("wh_a")).isEqualTo(new EndpointHealth.WaitUntil(clock.instant().plusSeconds(30)));
    }

    @Test
    void shouldAskToDisableOnlyAfterFailingContinuouslyForTheWholePeriod() {
        assertThat(health.record("wh_a", false)).isFalse();
        clock.advance(Duration.ofDays(5).minusSeconds(1));
        assertThat(health.record("wh_a", false)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(health.record("wh_a", false)).isTrue();
    }

    @Test
    void shouldRestartTheFailureClockAfterASuccess() {
        health.record("wh_a", false);
        clock.advance(Duration.ofDays(4));
        health.record("wh_a", true);
        clock.advance(Duration.ofDays(2));

        assertThat(health.record("wh_a", false)).isFalse();
        assertThat(health.failingSince("wh_a")).isEqualTo(clock.instant());
    }

    private void openCircuit() {
        for (int i = 0; i < 3; i++) {
            health.record("wh_a", false);
        }
    }

    @Test
    void shouldTellOfEachOpeningAndTheClosingButNotOfFailuresWhileOpen() {
        java.util.List<String> told = new java.util.ArrayList<>();
        EndpointHealth watched = new EndpointHealth(clock, 3, Duration.ofSeconds(30), Duration.ofDays(5),
                (endpoint, open, failures, since, until) -> told.add(endpoint + (open ? " open " + failures + " " + since + " " + until : " closed")));
        watched.record("wh_a", true); // a healthy endpoint: nothing to tell
        for (int i = 0; i < 4; i++) {
            watched.record("wh_a", false);
        }
        clock.advance(Duration.ofSeconds(30));
        watched.admit("wh_a"); // the probe
        watched.record("wh_a", false);
        watched.record("wh_a", true);
        assertThat(told).containsExactly(
                "wh_a open 3 " + START + " " + START.plusSeconds(30),
                "wh_a open 5 " + START + " " + START.plusSeconds(60),
                "wh_a closed");
    }
}
