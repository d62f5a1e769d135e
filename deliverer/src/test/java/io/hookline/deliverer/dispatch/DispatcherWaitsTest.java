package io.hookline.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * What the dispatcher says of work that cannot start at once (issue 13's pending): each reason, once
 * per wait however many laps pass. Nanosecond time and the clock are numbers the test moves.
 */
class DispatcherWaitsTest {

    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000 * MILLI;
    private static final Instant NOW = Instant.parse("2026-03-28T10:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-03-28T11:00:00Z");

    private final Map<String, CompletableFuture<Object>> running = new LinkedHashMap<>();
    private final List<String> started = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    private final HoldingParking parking = new HoldingParking();
    private final List<String> parked = parking.parked;
    private long nanos;

    /** Items named "fifo…" run in a FIFO lane, "rate…" at 1/s, others concurrently; "back…" come back from a hold. */
    private Dispatcher<String> dispatcher(int maxInFlight, int perTeam, int bufferedPerTeam) {
        return new Dispatcher<>(new Dispatcher.Limits(maxInFlight, 16, perTeam, bufferedPerTeam), this::start, (item, failure) -> { },
                item -> item.startsWith("fifo") ? new Dispatcher.Lane(true, 0)
                        : item.startsWith("rate") ? new Dispatcher.Lane(false, 1) : Dispatcher.Lane.CONCURRENT,
                item -> item.substring(item.indexOf(':') + 1, item.lastIndexOf('-')),
                parking,
                (work, why) -> told.add(work + " " + describe(why)), () -> nanos, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String describe(Waits.Wait<String> why) {
        String kind = why instanceof Waits.RateLimited<String> ? "rate limited"
                : why instanceof Waits.Behind<String> behind ? "behind " + behind.ahead() : "no slot";
        return kind + (why.expectedAt() == null ? "" : " until " + why.expectedAt());
    }

    private CompletionStage<?> start(String item) {
        started.add(item);
        CompletableFuture<Object> future = new CompletableFuture<>();
        running.put(item, future);
        return future;
    }

    /** Items are "endpoint:team-n"; the endpoint is the key. */
    private static void submit(Dispatcher<String> dispatcher, String item) {
        dispatcher.submit(item.substring(0, item.indexOf(':')), item);
    }

    private void laps(Dispatcher<String> dispatcher, int laps, long each) {
        for (int i = 0; i < laps; i++) {
            nanos += each;
            dispatcher.tick();
        }
    }

    @Test
    void shouldTellOfEachTaskHeldByTheRateLimitOnceWithWhenItIsExpectedToStart() {
        // given one per second and four tasks at once
        Dispatcher<String> dispatcher = dispatcher(100, 100, Integer.MAX_VALUE);
        for (int i = 1; i <= 4; i++) {
            submit(dispatcher, "rate:a-" + i);
        }
        assertThat(started).containsExactly("rate:a-1");

        // when less than the grace passes, nothing is told; when it has passed, the three waiting are
        laps(dispatcher, 2, 100 * MILLI);
        assertThat(told).isEmpty();
        laps(dispatcher, 1, 100 * MILLI);

        // then each with its own expected start: the next token 0.7 s on, then one a second
        assertThat(told).containsExactly(
                "rate:a-2 rate limited until " + NOW.plusMillis(700),
                "rate:a-3 rate limited until " + NOW.plusMillis(1700),
                "rate:a-4 rate limited until " + NOW.plusMillis(2700));

        // when many poll laps pass and the tasks start one a second, nothing more is told
        laps(dispatcher, 40, 100 * MILLI);
        assertThat(started).containsExactly("rate:a-1", "rate:a-2", "rate:a-3", "rate:a-4");
        assertThat(told).hasSize(3);
    }

    @Test
    void shouldTellOfATaskJoiningAToldQueueOnceWithItsOwnPlace() {
        // given one per second, two waiting and told of
        Dispatcher<String> dispatcher = dispatcher(100, 100, Integer.MAX_VALUE);
        submit(dispatcher, "rate:a-1");
        submit(dispatcher, "rate:a-2");
        submit(dispatcher, "fifo:b-1");
        submit(dispatcher, "fifo:b-2");
        laps(dispatcher, 3, 100 * MILLI);
        assertThat(told).containsExactly("rate:a-2 rate limited until " + NOW.plusMillis(700), "fifo:b-2 behind fifo:b-1");

        // when one more joins each queue and waits past the grace
        submit(dispatcher, "rate:a-3");
        submit(dispatcher, "fifo:b-3");
        laps(dispatcher, 3, 100 * MILLI);

        // then only the newcomers are told: second in line for the next tokens, and behind the last queued
        assertThat(told).containsExactly("rate:a-2 rate limited until " + NOW.plusMillis(700), "fifo:b-2 behind fifo:b-1",
                "rate:a-3 rate limited until " + NOW.plusMillis(1400), "fifo:b-3 behind fifo:b-2");
    }

    @Test
    void shouldTellOfTasksWaitingInAFifoLaneBehindTheOneAheadOfEach() {
        // given a FIFO webhook's first delivery running and two behind it
        Dispatcher<String> dispatcher = dispatcher(100, 100, Integer.MAX_VALUE);
        submit(dispatcher, "fifo:a-1");
        submit(dispatcher, "fifo:a-2");
        submit(dispatcher, "fifo:a-3");

        // when the grace passes, and many laps after it
        laps(dispatcher, 30, 100 * MILLI);

        // then each is told once, behind the one ahead of it
        assertThat(told).containsExactly("fifo:a-2 behind fifo:a-1", "fifo:a-3 behind fifo:a-2");
    }

    @Test
    void shouldNotTellOfAFifoTaskThatStartsWithinTheGrace() {
        // given a FIFO delivery behind a fast one
        Dispatcher<String> dispatcher = dispatcher(100, 100, Integer.MAX_VALUE);
        submit(dispatcher, "fifo:a-1");
        submit(dispatcher, "fifo:a-2");

        // when the first finishes within the grace
        laps(dispatcher, 1, 100 * MILLI);
        running.get("fifo:a-1").complete(null);
        laps(dispatcher, 10, 100 * MILLI);

        // then the second started without being shown as waiting
        assertThat(started).containsExactly("fifo:a-1", "fifo:a-2");
        assertThat(told).isEmpty();
    }

    @Test
    void shouldNotTellOfATaskQueuedForASlotHoweverLongItWaits() {
        // given one global slot taken and another endpoint's task queued for it
        Dispatcher<String> dispatcher = dispatcher(1, 1, Integer.MAX_VALUE);
        submit(dispatcher, "x:a-1");
        submit(dispatcher, "y:a-1");

        // when the grace passes, and many laps after it
        laps(dispatcher, 30, 100 * MILLI);

        // then nothing is told (its offset stays uncommitted, so the gateway's read of the backlog shows it queued)
        assertThat(told).isEmpty();
        running.get("x:a-1").complete(null);
        assertThat(started).containsExactly("x:a-1", "y:a-1");
        laps(dispatcher, 5, SECOND);
        assertThat(told).isEmpty();
    }

    @Test
    void shouldNotTellOfARateLimitedTaskThatWaitsOnlyForAGlobalSlot() {
        // given the one global slot taken, a task of another endpoint waiting for it, and a rate-limited endpoint behind
        Dispatcher<String> dispatcher = dispatcher(1, 1, Integer.MAX_VALUE);
        submit(dispatcher, "x:a-1");
        submit(dispatcher, "y:a-1");
        submit(dispatcher, "rate:b-1");

        // when the grace passes
        laps(dispatcher, 3, 100 * MILLI);

        // then neither is told: both wait for the global slot, not for their rate limit
        assertThat(told).isEmpty();
        assertThat(started).containsExactly("x:a-1");
    }

    @Test
    void shouldTellOfTasksParkedBehindAHeldFifoDeliveryWithTheHoldsEnd() {
        // given a FIFO delivery running, one queued behind it
        Dispatcher<String> dispatcher = dispatcher(100, 100, Integer.MAX_VALUE);
        submit(dispatcher, "fifo:a-1");
        submit(dispatcher, "fifo:a-2");

        // when the first goes to the retry topic (holding its webhook) and another task arrives
        running.get("fifo:a-1").complete(UNTIL);
        submit(dispatcher, "fifo:a-3");
        laps(dispatcher, 10, 100 * MILLI);

        // then both are parked behind it, each told once, until the hold's end
        assertThat(parked).containsExactly("fifo:a-2@" + UNTIL, "fifo:a-3@" + UNTIL);
        assertThat(told).containsExactly("fifo:a-2 behind fifo:a-1 until " + UNTIL, "fifo:a-3 behind fifo:a-1 until " + UNTIL);
    }

    @Test
    void shouldTellOfATeamsOverflowParkedForASlotWithWhenItComesBack() {
        // given a team may buffer 1 while team b is active in the one slot
        Dispatcher<String> dispatcher = dispatcher(1, 1, 1);
        submit(dispatcher, "b:b-1");

        // when team a hands over two
        submit(dispatcher, "a:a-1");
        submit(dispatcher, "a:a-2");

        // then the overflowing one is told at once, parked until the team has drained
        assertThat(parked).containsExactly("a:a-2@" + NOW.plusSeconds(2));
        assertThat(told).containsExactly("a:a-2 no slot until " + NOW.plusSeconds(2));
    }
}
