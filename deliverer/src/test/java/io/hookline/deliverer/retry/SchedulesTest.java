package io.hookline.deliverer.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schedules written before the gateway's limits existed are clamped when read. */
class SchedulesTest {

    @Test
    void shouldWaitADayAtMostForOneStep() {
        // when a schedule older than the 24 h rule asks for 3 days
        List<Duration> waits = Schedules.parse(List.of("5s", "3d"));

        // then
        assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofHours(24));
    }

    @Test
    void shouldDropTheStepsThatTakeAScheduleBeyondAWeek() {
        // when ten one-day steps are asked for
        List<Duration> waits = Schedules.parse(Collections.nCopies(10, "24h"));

        // then seven remain: a week in all
        assertThat(waits).hasSize(7).containsOnly(Duration.ofDays(1));
    }

    @Test
    void shouldKeepTheDefaultScheduleWhole() {
        assertThat(Schedules.parse(List.of())).isEqualTo(Schedules.DEFAULT);
        assertThat(Schedules.DEFAULT.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Schedules.MAX_TOTAL);
    }
}
