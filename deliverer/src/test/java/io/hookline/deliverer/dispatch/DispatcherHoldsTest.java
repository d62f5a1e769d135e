package io.hookline.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** A FIFO endpoint held behind a retry: no slot, its work parked in order, released by what comes back. */
class DispatcherHoldsTest {

    private static final Instant UNTIL = Instant.parse("2026-03-28T11:00:00Z");

    private final Map<String, CompletableFuture<Object>> running = new LinkedHashMap<>();
    private final List<String> started = new ArrayList<>();
    private final HoldingParking parking = new HoldingParking();
    private final List<String> parked = parking.parked;

    /** Two global slots; items named "back…" come back from behind a hold. */
    private final Dispatcher<String> dispatcher = new Dispatcher<>(2, 16, this::start, (item, failure) -> { },
            item -> item.startsWith("other") ? Dispatcher.Lane.CONCURRENT : new Dispatcher.Lane(true, 0),
            parking, System::nanoTime);

    private CompletionStage<?> start(String item) {
        started.add(item);
        CompletableFuture<Object> future = new CompletableFuture<>();
        running.put(item, future);
        return future;
    }

    @Test
    void shouldFreeTheSlotAndParkQueuedWorkInOrderWhenAFifoEndpointIsHeld() {
        // given a FIFO endpoint with one delivery running and two queued
        dispatcher.submit("wh_a", "a-1");
        dispatcher.submit("wh_a", "a-2");
        dispatcher.submit("wh_a", "a-3");

        // when the first finishes holding its endpoint (its retry went to the retry topic)
        running.get("a-1").complete(UNTIL);

        // then nothing of it runs or is queued: the two are parked in order, and later work joins them
        dispatcher.submit("wh_a", "a-4");
        assertThat(parked).containsExactly("a-2@" + UNTIL, "a-3@" + UNTIL, "a-4@" + UNTIL);
        assertThat(dispatcher.inFlight()).isZero();
        assertThat(dispatcher.buffered()).isZero();
        assertThat(dispatcher.held()).isEqualTo(1);
    }

    @Test
    void shouldLetOtherEndpointsTakeTheSlotsOfHeldOnes() {
        // given both global slots taken by FIFO endpoints, and another endpoint's work queued behind them
        dispatcher.submit("wh_a", "a-1");
        dispatcher.submit("wh_b", "b-1");
        dispatcher.submit("wh_other", "other-1");
        assertThat(started).containsExactly("a-1", "b-1");

        // when both are held behind long retries
        running.get("a-1").complete(UNTIL);
        running.get("b-1").complete(UNTIL);

        // then the other endpoint runs
        assertThat(started).containsExactly("a-1", "b-1", "other-1");
    }

    @Test
    void shouldReleaseTheHoldWhenTheHeldDeliveryComesBack() {
        // given a held endpoint
        dispatcher.submit("wh_a", "a-1");
        running.get("a-1").complete(UNTIL);

        // when the retried delivery comes back, then a later one
        dispatcher.submit("wh_a", "back-a-1");
        dispatcher.submit("wh_a", "a-2");

        // then the retry runs, the later one waits behind it in the endpoint's queue, not parked
        assertThat(started).containsExactly("a-1", "back-a-1");
        assertThat(parked).isEmpty();
        running.get("back-a-1").complete(null);
        assertThat(started).containsExactly("a-1", "back-a-1", "a-2");
        assertThat(dispatcher.held()).isZero();
    }
}
