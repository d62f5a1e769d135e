package io.hookline.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** FIFO and rate-limited endpoints in the dispatcher; time is a number the test moves. */
class DispatcherLanesTest {

    private static final long SECOND = 1_000_000_000L;

    private final Map<String, CompletableFuture<Void>> running = new LinkedHashMap<>();
    private final List<String> started = new ArrayList<>();
    private long now;

    private Dispatcher<String> dispatcher(Dispatcher.Lane lane) {
        return new Dispatcher<>(100, 16, this::start, (item, failure) -> { }, item -> item.startsWith("other") ? Dispatcher.Lane.CONCURRENT : lane,
                Parking.none(), () -> now);
    }

    private CompletionStage<?> start(String item) {
        started.add(item);
        CompletableFuture<Void> future = new CompletableFuture<>();
        running.put(item, future);
        return future;
    }

    @Test
    void shouldRunAFifoEndpointOneAtATimeInOrder() {
        // given
        Dispatcher<String> dispatcher = dispatcher(new Dispatcher.Lane(true, 0));
        dispatcher.submit("wh_a", "a-1");
        dispatcher.submit("wh_a", "a-2");
        dispatcher.submit("wh_a", "a-3");
        assertThat(started).containsExactly("a-1");

        // when the first finishes, then the second
        running.get("a-1").complete(null);
        assertThat(started).containsExactly("a-1", "a-2");
        running.get("a-2").complete(null);

        // then
        assertThat(started).containsExactly("a-1", "a-2", "a-3");
    }

    @Test
    void shouldHoldWorkBeyondTheRateLimitUntilTokensRefillWithoutHoldingOthers() {
        // given 2 per second, and five tasks at once
        Dispatcher<String> dispatcher = dispatcher(new Dispatcher.Lane(false, 2));
        for (int i = 1; i <= 5; i++) {
            dispatcher.submit("wh_a", "a-" + i);
        }
        dispatcher.submit("other", "other-1");

        // then two start now, the rest wait (nothing fails), and another endpoint is not held up
        assertThat(started).containsExactly("a-1", "a-2", "other-1");
        assertThat(dispatcher.buffered()).isEqualTo(6);

        // when half a second passes: one more token
        now += SECOND / 2;
        dispatcher.tick();
        assertThat(started).containsExactly("a-1", "a-2", "other-1", "a-3");

        // when a whole second more passes: two more tokens
        now += SECOND;
        dispatcher.tick();
        assertThat(started).containsExactly("a-1", "a-2", "other-1", "a-3", "a-4", "a-5");
    }

    @Test
    void shouldKeepTheRateAcrossIdleMomentsOfTheEndpoint() {
        // given one per second, and a task that finished at once
        Dispatcher<String> dispatcher = dispatcher(new Dispatcher.Lane(false, 1));
        dispatcher.submit("wh_a", "a-1");
        running.get("a-1").complete(null);

        // when the next arrives within the same second
        dispatcher.submit("wh_a", "a-2");

        // then it waits for the next second
        assertThat(started).containsExactly("a-1");
        now += SECOND;
        dispatcher.tick();
        assertThat(started).containsExactly("a-1", "a-2");
    }
}
