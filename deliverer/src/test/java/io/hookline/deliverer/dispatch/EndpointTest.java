package io.hookline.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One endpoint's queue: what it holds back, and which of its queued units still have to be told of as waiting. */
class EndpointTest {

    private static final Instant UNTIL = Instant.parse("2026-03-28T10:00:05Z");

    private final Endpoint<String> endpoint = new Endpoint<>("e", new Teams<Endpoint<String>>(1).team("a"));

    private Endpoint.Queued<String> queue(String work) {
        Endpoint.Queued<String> entry = new Endpoint.Queued<>(work, endpoint, 0);
        endpoint.queue.addLast(entry);
        return entry;
    }

    @Test
    void shouldWalkOnlyTheUntoldTailBehindTheLastUnitTold() {
        // given
        queue("a").told = true;
        queue("b");
        queue("c");

        // when
        Endpoint.Untold<String> untold = endpoint.untold();

        // then
        assertThat(untold.ahead()).isEqualTo("a");
        assertThat(untold.told()).isEqualTo(1);
        assertThat(untold.units()).extracting(entry -> entry.work).containsExactly("b", "c");
    }

    @Test
    void shouldTellAWholeUntoldQueueAsWaitingBehindTheUnitRunning() {
        // given
        endpoint.follow(new Dispatcher.Lane(true, 0), 16);
        queue("first");
        queue("second");
        endpoint.startNext();

        // when
        Endpoint.Untold<String> untold = endpoint.untold();

        // then
        assertThat(untold.ahead()).isEqualTo("first");
        assertThat(untold.units()).extracting(entry -> entry.work).containsExactly("second");
        assertThat(endpoint.wouldWait()).isTrue();
    }

    @Test
    void shouldGiveUpItsQueueInOrderWhenHeldAndSayWhatItWaitsBehind() {
        // given
        Endpoint.Queued<String> a = queue("a");
        queue("b");

        // when
        var taken = endpoint.hold(UNTIL, "failed");

        // then
        assertThat(taken).extracting(entry -> entry.work).containsExactly("a", "b");
        assertThat(a.gone).isTrue();
        assertThat(endpoint.queue).isEmpty();
        assertThat(endpoint.unused()).isFalse();
        assertThat(endpoint.heldWait()).isEqualTo(new Waits.Behind<>("failed", UNTIL));

        // when its team's overflow holds it instead, then it is released
        endpoint.hold(UNTIL, null);
        Waits.Wait<String> overflowWait = endpoint.heldWait();
        endpoint.release();

        // then
        assertThat(overflowWait).isEqualTo(new Waits.NoSlot<>(UNTIL));
        assertThat(endpoint.unused()).isTrue();
    }

    @Test
    void shouldBeReadyOnlyWithQueuedWorkAndAFreeSlotOfItsOwn() {
        // given a FIFO endpoint with one unit in flight and one queued
        endpoint.follow(new Dispatcher.Lane(true, 0), 16);
        queue("a");
        queue("b");
        endpoint.startNext();

        // then
        assertThat(endpoint.shouldBeReady()).isFalse();

        // when its lane turns concurrent
        endpoint.follow(Dispatcher.Lane.CONCURRENT, 16);

        // then
        assertThat(endpoint.shouldBeReady()).isTrue();
    }
}
