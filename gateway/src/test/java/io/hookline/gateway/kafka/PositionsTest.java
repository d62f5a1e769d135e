package io.hookline.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PositionsTest {

    private final Positions positions = new Positions();

    @Test
    void shouldReleaseAWriterOnceTheViewReadPastItsOffset() {
        // given
        CompletableFuture<Void> written = positions.await(2, 10, Duration.ofMinutes(1));

        // when
        positions.advance(Map.of(2, 10L));
        boolean doneAtTheRecord = written.isDone();
        positions.advance(Map.of(2, 11L));

        // then
        assertThat(doneAtTheRecord).as("position 10 means offset 10 is not read yet").isFalse();
        assertThat(written).isCompleted();
    }

    @Test
    void shouldNotReleaseAWriterForAnotherPartition() {
        // given
        CompletableFuture<Void> written = positions.await(1, 0, Duration.ofMinutes(1));

        // when
        positions.advance(Map.of(0, 100L));

        // then
        assertThat(written).isNotDone();
    }

    @Test
    void shouldAnswerAtOnceWhenAlreadyReadPast() {
        positions.advance(Map.of(0, 5L));
        assertThat(positions.await(0, 4, Duration.ofMinutes(1))).isCompleted();
    }

    @Test
    void shouldFailAWriterAfterItsTimeout() {
        // when
        CompletableFuture<Void> written = positions.await(0, 0, Duration.ofMillis(50));

        // then
        await().atMost(Duration.ofSeconds(5)).until(written::isDone);
        assertThat(written).isCompletedExceptionally();
        assertThat(written).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void shouldBeCaughtUpOnlyWhenEveryPartitionReachedItsEnd() {
        // given
        Map<Integer, Long> ends = Map.of(0, 3L, 1, 0L);

        // when
        positions.advance(Map.of(0, 3L));
        boolean partOne = positions.reached(ends);
        positions.advance(Map.of(1, 0L));

        // then
        assertThat(partOne).isFalse();
        assertThat(positions.reached(ends)).isTrue();
    }
}
