package io.hookline.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class CaughtUpTest {

    @Test
    void shouldNotArmATimerOnceTheViewHasCaughtUp() {
        // given
        CompletableFuture<Void> caughtUp = CompletableFuture.completedFuture(null);

        // when
        Mono<Void> wait = CaughtUp.within(caughtUp, Duration.ofSeconds(5), "principals view not caught up");

        // then
        assertThat(wait).as("the wait of every request after start-up: nothing to schedule").isSameAs(Mono.empty());
    }

    @Test
    void shouldWaitForAViewThatCatchesUpLater() {
        // given
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        CompletableFuture<Void> waited = CaughtUp.within(caughtUp, Duration.ofMinutes(1), "view not caught up").toFuture();

        // when
        boolean doneBefore = waited.isDone();
        caughtUp.complete(null);

        // then
        assertThat(doneBefore).isFalse();
        assertThat(waited).succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void shouldAnswerUnavailableWhenTheViewHasNotCaughtUpInTime() {
        // given
        CompletableFuture<Void> never = new CompletableFuture<>();

        // when
        Mono<Void> wait = CaughtUp.within(never, Duration.ofMillis(50), "event types view not caught up");

        // then
        assertThatThrownBy(() -> wait.block(Duration.ofSeconds(10)))
                .isInstanceOf(KafkaUnavailableException.class)
                .hasMessage("event types view not caught up within PT0.05S");
    }

    @Test
    void shouldPassOnTheErrorOfAViewThatFailed() {
        // given
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(new IllegalStateException("the delivery log index stopped"));

        // when
        Mono<Void> wait = CaughtUp.within(failed, Duration.ofSeconds(5), "delivery log not indexed");

        // then
        assertThatThrownBy(() -> wait.block(Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the delivery log index stopped");
    }
}
