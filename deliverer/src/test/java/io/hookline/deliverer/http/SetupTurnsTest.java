package io.hookline.deliverer.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The turn rules with a fake clock. */
class SetupTurnsTest {

    private static final Duration MAX_WAIT = Duration.ofSeconds(2);
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final List<String> started = new ArrayList<>();

    private SetupTurns turns(int permits) {
        return new SetupTurns(permits, MAX_WAIT, now::get);
    }

    private SetupTurns.Ticket ask(SetupTurns turns, String name) {
        return turns.request(() -> started.add(name));
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void shouldLetAsManySetUpsGoAsThereArePermitsAndQueueTheRest() {
        // given
        SetupTurns turns = turns(2);

        // when
        ask(turns, "a");
        ask(turns, "b");
        ask(turns, "c");

        // then
        assertThat(started).containsExactly("a", "b");
        assertThat(turns.held()).isEqualTo(2);
        assertThat(turns.waiting()).isEqualTo(1);
    }

    @Test
    void shouldPassATurnOnInOrderWhenASetUpIsDone() {
        // given
        SetupTurns turns = turns(1);
        SetupTurns.Ticket a = ask(turns, "a");
        SetupTurns.Ticket b = ask(turns, "b");
        ask(turns, "c");

        // when
        a.done(true);
        a.done(false); // its channel closed after the handshake: reported twice, counted once
        b.done(false);

        // then
        assertThat(started).containsExactly("a", "b", "c");
        assertThat(turns.held()).isEqualTo(1);
        assertThat(turns.waiting()).isZero();
    }

    @Test
    void shouldKeepAWaiterWaitingAsLongAsTheQueueMovesHoweverLongThatTakes() {
        // given a busy queue: one set-up succeeds every 1.5 s
        SetupTurns turns = turns(1);
        SetupTurns.Ticket first = ask(turns, "first");
        ask(turns, "second");
        SetupTurns.Ticket last = ask(turns, "last");
        advance(Duration.ofMillis(1500));
        first.done(true);
        advance(Duration.ofMillis(1500));

        // when the last one has waited 3 s, more than the max wait
        Duration again = last.check();

        // then it keeps its place: the queue moved 1.5 s ago
        assertThat(again).isEqualTo(Duration.ofMillis(500));
        assertThat(started).containsExactly("first", "second");
        assertThat(turns.waiting()).isEqualTo(1);
    }

    @Test
    void shouldLetAWaiterGoAheadWithoutATurnWhenNoSetUpSucceededForTheMaxWait() {
        // given the only turn held by an endpoint that hangs in its handshake
        SetupTurns turns = turns(1);
        SetupTurns.Ticket hanging = ask(turns, "hanging");
        SetupTurns.Ticket waiter = ask(turns, "waiter");
        ask(turns, "next");
        advance(MAX_WAIT);

        // when
        Duration again = waiter.check();
        waiter.done(true);

        // then the waiter went ahead, and its end frees no turn it never held
        assertThat(again).isZero();
        assertThat(started).containsExactly("hanging", "waiter");
        assertThat(turns.held()).isEqualTo(1);

        // and when the hanging one fails, the next in line gets the turn
        hanging.done(false);
        assertThat(started).containsExactly("hanging", "waiter", "next");
    }

    @Test
    void shouldCountTheWaitOfAFreshQueueFromWhenItStartedNotFromTheLastSuccessLongAgo() {
        // given a platform idle for a minute, then a burst
        SetupTurns turns = turns(1);
        advance(Duration.ofMinutes(1));
        ask(turns, "a");
        SetupTurns.Ticket b = ask(turns, "b");
        advance(Duration.ofSeconds(1));

        // when / then
        assertThat(b.check()).isEqualTo(Duration.ofSeconds(1));
        assertThat(started).containsExactly("a");
    }

    @Test
    void shouldForgetAWaiterThatGaveUpAndNeverStartIt() {
        // given
        SetupTurns turns = turns(1);
        SetupTurns.Ticket a = ask(turns, "a");
        SetupTurns.Ticket cancelled = ask(turns, "cancelled");

        // when its channel closes while it waits, then the turn frees
        cancelled.done(false);
        advance(MAX_WAIT);
        assertThat(cancelled.check()).isZero();
        a.done(true);

        // then
        assertThat(started).containsExactly("a");
        assertThat(turns.held()).isZero();
    }
}
