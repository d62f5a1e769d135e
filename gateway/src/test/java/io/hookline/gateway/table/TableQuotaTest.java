package io.hookline.gateway.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TableQuotaTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    /** 100 rows and 10,000 bytes a day, at most 50 rows and 5,000 bytes at once. */
    private final TableQuota quota = new TableQuota("write", 100, 10_000, Duration.ofDays(1), 50, 5_000, clock);

    @Test
    void shouldAdmitWritesWithinTheQuota() {
        assertThat(quota.admit("a", 50, 1_000)).isInstanceOf(TableQuota.Admitted.class);
    }

    @Test
    void shouldRefuseASingleWriteLargerThanAnyWriteMayBe() {
        assertThat(quota.admit("a", 51, 10)).isInstanceOfSatisfying(TableQuota.TooLarge.class,
                t -> assertThat(t.reason()).contains("50 rows"));
        assertThat(quota.admit("a", 1, 5_001)).isInstanceOf(TableQuota.TooLarge.class);
    }

    @Test
    void shouldRefuseOnceTheWindowsWritesUseTheQuotaUpAndSayWhenToRetry() {
        // given 90 rows read from the topic, written an hour ago
        quota.record("a", T0, 90, 900);
        clock.set(T0.plus(Duration.ofHours(1)));

        // when the team writes 20 more
        TableQuota.Admission admission = quota.admit("a", 20, 100);

        // then it is refused until the first write leaves the 24 h window (a minute's bucket later at most)
        assertThat(admission).isInstanceOfSatisfying(TableQuota.Exhausted.class, e -> {
            assertThat(e.reason()).contains("100 rows").contains("90 rows");
            assertThat(e.retryAfter()).isBetween(Duration.ofHours(23), Duration.ofHours(23).plusMinutes(1));
        });
        assertThat(quota.admit("a", 10, 100)).isInstanceOf(TableQuota.Admitted.class);
    }

    @Test
    void shouldAdmitAgainOnceTheOldWritesLeftTheWindow() {
        quota.record("a", T0, 100, 900);
        clock.set(T0.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(2)));

        assertThat(quota.admit("a", 50, 100)).isInstanceOf(TableQuota.Admitted.class);
    }

    @Test
    void shouldCountAdmittedWritesBeforeTheyAreReadBackSoConcurrentOnesCannotAllPass() {
        // given two writes admitted but not yet on the view
        TableQuota.Admission first = quota.admit("a", 50, 100);
        assertThat(quota.admit("a", 50, 100)).isInstanceOf(TableQuota.Admitted.class);

        // then a third is refused, and admitted again once the first one is released after failing
        assertThat(quota.admit("a", 1, 1)).isInstanceOfSatisfying(TableQuota.Exhausted.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        ((TableQuota.Admitted) first).release().run();
        assertThat(quota.admit("a", 1, 1)).isInstanceOf(TableQuota.Admitted.class);
    }

    @Test
    void shouldNotChargeOneTeamForAnothersWrites() {
        quota.record("a", T0, 100, 10_000);

        assertThat(quota.admit("a", 1, 1)).isInstanceOf(TableQuota.Exhausted.class);
        assertThat(quota.admit("b", 50, 5_000)).isInstanceOf(TableQuota.Admitted.class);
    }

    @Test
    void shouldIgnoreWritesOlderThanTheWindowReadAtStartUp() {
        clock.set(T0.plus(Duration.ofDays(3)));
        quota.record("a", T0, 100, 10_000);

        assertThat(quota.admit("a", 50, 100)).isInstanceOf(TableQuota.Admitted.class);
    }

    @Test
    void shouldCountReadsAsTheyAreTakenAndRefuseOnceTheWindowIsUsedUp() {
        // given a read quota of 100 rows an hour
        TableQuota reads = new TableQuota("read", 100, 10_000, Duration.ofHours(1), 100, 10_000, clock);

        // when a team reads 60 rows twice
        assertThat(reads.take("a", 60, 600)).isInstanceOf(TableQuota.Admitted.class);
        TableQuota.Admission second = reads.take("a", 60, 600);

        // then the second is refused until the first leaves the hour, and another team reads on
        assertThat(second).isInstanceOfSatisfying(TableQuota.Exhausted.class, e -> {
            assertThat(e.reason()).contains("read quota");
            assertThat(e.retryAfter()).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        });
        assertThat(reads.take("b", 60, 600)).isInstanceOf(TableQuota.Admitted.class);
        clock.advance(Duration.ofMinutes(62));
        assertThat(reads.take("a", 60, 600)).isInstanceOf(TableQuota.Admitted.class);
    }
}
