package io.hookline.gateway.owner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RestartsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T23:00:00Z");
    private static final ConsumerRecord<String, byte[]> COMMAND = new ConsumerRecord<>("commands", 2, 41, "key", new byte[0]);

    private final Restarts restarts = new Restarts(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1)));

    @Test
    void shouldSendACommandToTheDeadLettersOnceItFailedTheLoopThreeTimes() {
        // given a command that fails the loop on every restart
        for (int i = 0; i < Restarts.MAX_TRIES; i++) {
            assertThat(restarts.poisoned(COMMAND)).isEmpty();
            restarts.attempting(COMMAND);
            restarts.failed(new IllegalStateException("boom " + i), NOW);
            restarts.resumed();
        }

        // when it is read again, then it is poison, with the last reason
        assertThat(restarts.poisoned(COMMAND)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("3 times").contains("IllegalStateException: boom 2"));
    }

    @Test
    void shouldNotChargeACommandForAFailureOutsideIt() {
        // given failures while no command is under way
        restarts.attempting(COMMAND);
        restarts.attempting(null);
        for (int i = 0; i < Restarts.MAX_TRIES; i++) {
            restarts.failed(new IllegalStateException("poll failed"), NOW);
        }

        // then
        assertThat(restarts.poisoned(COMMAND)).isEmpty();
    }

    @Test
    void shouldForgetTheFailuresOfACommandOnceItIsDone() {
        // given
        restarts.attempting(COMMAND);
        restarts.failed(new IllegalStateException("once"), NOW);
        restarts.attempting(COMMAND);
        restarts.failed(new IllegalStateException("twice"), NOW);

        // when it then succeeds, and a later failure hits it again (read again after a crash of its commit)
        restarts.attempting(COMMAND);
        restarts.done(COMMAND);
        restarts.attempting(COMMAND);
        restarts.failed(new IllegalStateException("again"), NOW);

        // then it has one try against it, not three
        assertThat(restarts.poisoned(COMMAND)).isEmpty();
    }

    @Test
    void shouldSayWhyItRestartsUntilResumedWithTheExceptionsClassOnly() {
        // when
        restarts.failed(new IllegalStateException("secret=" + "x".repeat(1000)), NOW);

        // then health, which answers anyone, gets the class but not the message
        assertThat(restarts.restartingBecause()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("IllegalStateException").doesNotContain("secret", "\tat "));
        assertThat(restarts.count()).isEqualTo(1);
        restarts.resumed();
        assertThat(restarts.restartingBecause()).isEmpty();
    }
}
