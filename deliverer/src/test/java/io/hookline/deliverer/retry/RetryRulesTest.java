package io.hookline.deliverer.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.delivery.DeliveryOutcome;
import io.hookline.schemas.avro.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-28T10:15:00Z");
    private static final RetryPolicy EXPONENTIAL = new RetryPolicy("exponential", List.of());
    private static final DeliveryOutcome ERROR = new DeliveryOutcome.Responded(500, Map.of(), "boom");

    /** Random 0.5 means no jitter at all. */
    private final RetryRules noJitter = new RetryRules(() -> 0.5);

    @Test
    void shouldMakeOneAttemptOnlyWithoutAPolicyOrWithModeNone() {
        assertThat(noJitter.decide(null, 1, ERROR, NOW)).isInstanceOf(RetryDecision.GiveUp.class);
        assertThat(noJitter.decide(new RetryPolicy("none", List.of()), 1, ERROR, NOW)).isInstanceOf(RetryDecision.GiveUp.class);
    }

    @Test
    void shouldFollowTheDefaultScheduleAndGiveUpAfterItsLastStep() {
        // given the default schedule 5s, 5m, 30m, 2h, 5h, 10h, 10h
        List<Duration> expected = Schedules.DEFAULT;

        // then attempt n waits the n-th step, and attempt 8 (after the 7th wait) is the last
        for (int attempt = 1; attempt <= 7; attempt++) {
            assertThat(noJitter.decide(EXPONENTIAL, attempt, ERROR, NOW))
                    .isEqualTo(new RetryDecision.RetryAt(NOW.plus(expected.get(attempt - 1))));
        }
        assertThat(noJitter.decide(EXPONENTIAL, 8, ERROR, NOW)).isInstanceOf(RetryDecision.GiveUp.class);
    }

    @Test
    void shouldJitterWithinTwentyPercent() {
        RetryPolicy policy = new RetryPolicy("exponential", List.of("100s"));
        assertThat(new RetryRules(() -> 0.0).decide(policy, 1, ERROR, NOW)).isEqualTo(new RetryDecision.RetryAt(NOW.plusSeconds(80)));
        assertThat(new RetryRules(() -> 0.75).decide(policy, 1, ERROR, NOW)).isEqualTo(new RetryDecision.RetryAt(NOW.plusSeconds(110)));
        assertThat(new RetryRules(() -> 0.999999).decide(policy, 1, ERROR, NOW)).satisfies(d ->
                assertThat(((RetryDecision.RetryAt) d).at()).isBeforeOrEqualTo(NOW.plusSeconds(120)));
    }

    @Test
    void shouldWaitAtLeastAMinuteAfterATimeoutOrA429() {
        RetryPolicy policy = new RetryPolicy("exponential", List.of("5s"));
        assertThat(noJitter.decide(policy, 1, new DeliveryOutcome.TimedOut(Duration.ofSeconds(10)), NOW))
                .isEqualTo(new RetryDecision.RetryAt(NOW.plusSeconds(60)));
        assertThat(noJitter.decide(policy, 1, new DeliveryOutcome.Responded(429, Map.of(), ""), NOW))
                .isEqualTo(new RetryDecision.RetryAt(NOW.plusSeconds(60)));
    }

    @Test
    void shouldHonourRetryAfterWithinScheduledAndTwiceScheduled() {
        RetryPolicy policy = new RetryPolicy("exponential", List.of("5m"));
        assertThat(noJitter.decide(policy, 1, unavailable("450"), NOW)).isEqualTo(new RetryDecision.RetryAt(NOW.plusSeconds(450)));
        assertThat(noJitter.decide(policy, 1, unavailable("3600"), NOW)).isEqualTo(new RetryDecision.RetryAt(NOW.plusSeconds(600)));
        assertThat(noJitter.decide(policy, 1, unavailable("1"), NOW)).isEqualTo(new RetryDecision.RetryAt(NOW.plusSeconds(300)));
        assertThat(noJitter.decide(policy, 1, unavailable("Sat, 28 Mar 2026 10:22:00 GMT"), NOW))
                .isEqualTo(new RetryDecision.RetryAt(NOW.plusSeconds(420)));
    }

    @Test
    void shouldStopAndDisableOn410Gone() {
        assertThat(noJitter.decide(EXPONENTIAL, 1, new DeliveryOutcome.Responded(410, Map.of(), ""), NOW))
                .isInstanceOf(RetryDecision.Gone.class);
    }

    @Test
    void shouldNotRetryWhatARuleRefusedButRetryUnreachableEndpoints() {
        assertThat(noJitter.decide(EXPONENTIAL, 1, new DeliveryOutcome.Refused("https required"), NOW))
                .isInstanceOf(RetryDecision.GiveUp.class);
        assertThat(noJitter.decide(EXPONENTIAL, 1, new DeliveryOutcome.Unreachable("connection refused"), NOW))
                .isEqualTo(new RetryDecision.RetryAt(NOW.plusSeconds(5)));
    }

    @Test
    void shouldReportSuccessAsDelivered() {
        assertThat(noJitter.decide(EXPONENTIAL, 1, new DeliveryOutcome.Responded(204, Map.of(), ""), NOW))
                .isInstanceOf(RetryDecision.Delivered.class);
    }

    @Test
    void shouldDeferLongerTheLongerADeliveryHasWaitedForAnOpenCircuit() {
        RetryRules noSpread = new RetryRules(() -> 0.0);
        // fresh: until the circuit half-opens
        assertThat(noSpread.deferUntil(NOW.plusSeconds(30), NOW, NOW)).isEqualTo(NOW.plusSeconds(30));
        // queued 10 minutes ago: half as long again
        assertThat(noSpread.deferUntil(NOW.plusSeconds(30), NOW.minusSeconds(600), NOW)).isEqualTo(NOW.plusSeconds(300));
        // queued a day ago: an hour at most
        assertThat(noSpread.deferUntil(NOW.plusSeconds(30), NOW.minusSeconds(86_400), NOW)).isEqualTo(NOW.plusSeconds(3600));
        // and spread by up to 20 %
        assertThat(new RetryRules(() -> 0.999).deferUntil(NOW.plusSeconds(100), NOW, NOW)).isBetween(NOW.plusSeconds(119), NOW.plusSeconds(120));
    }

    @Test
    void shouldParseScheduleSteps() {
        assertThat(Schedules.parse(List.of("500ms", "5s", "5m", "2h", "1d", "PT3S")))
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(2),
                        Duration.ofDays(1), Duration.ofSeconds(3));
    }

    private static DeliveryOutcome unavailable(String retryAfter) {
        return new DeliveryOutcome.Responded(503, Map.of("retry-after", retryAfter), "busy");
    }
}
