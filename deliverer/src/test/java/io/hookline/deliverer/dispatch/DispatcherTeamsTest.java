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
 * Teams taking turns in the dispatcher: a team's share of the slots while others wait, and its
 * overflow parked beyond its share of the buffer. Work items are named "team-endpoint-n".
 */
class DispatcherTeamsTest {

    private static final Instant NOW = Instant.parse("2026-03-28T10:00:00Z");

    private final Map<String, CompletableFuture<Object>> running = new LinkedHashMap<>();
    private final List<String> started = new ArrayList<>();
    private final List<String> parked = new ArrayList<>();
    private final List<Instant> parkedUntil = new ArrayList<>();
    private String fifoPrefix = "none";

    private Dispatcher<String> dispatcher(int maxInFlight, int perTeam, int bufferedPerTeam) {
        return new Dispatcher<>(new Dispatcher.Limits(maxInFlight, 16, perTeam, bufferedPerTeam), this::start, (item, failure) -> { },
                item -> item.startsWith(fifoPrefix) ? new Dispatcher.Lane(true, 0) : Dispatcher.Lane.CONCURRENT,
                item -> item.substring(0, item.indexOf('-')),
                new Parking<>() {
                    @Override
                    public Instant holdAfter(String work, Object result) {
                        return null;
                    }

                    @Override
                    public boolean releases(String work, Instant until) {
                        return work.endsWith("back");
                    }

                    @Override
                    public void park(String work, Instant until) {
                        parked.add(work);
                        parkedUntil.add(until);
                    }
                }, System::nanoTime, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private CompletionStage<?> start(String item) {
        started.add(item);
        CompletableFuture<Object> future = new CompletableFuture<>();
        running.put(item, future);
        return future;
    }

    private static String endpoint(String item) {
        return item.substring(0, item.lastIndexOf('-'));
    }

    private void submit(Dispatcher<String> dispatcher, String item) {
        dispatcher.submit(endpoint(item), item);
    }

    @Test
    void shouldGiveAWaitingTeamTheNextFreedSlotsOverATeamAtItsShare() {
        // given team a's 8 endpoints fill all 4 slots and queue more; then team b's one delivery waits
        Dispatcher<String> dispatcher = dispatcher(4, 2, Integer.MAX_VALUE);
        for (int e = 0; e < 8; e++) {
            submit(dispatcher, "a-" + e + "-1");
        }
        submit(dispatcher, "b-0-1");
        assertThat(started).containsExactly("a-0-1", "a-1-1", "a-2-1", "a-3-1");

        // when one of team a's deliveries finishes
        running.get("a-0-1").complete(null);

        // then team b's delivery takes the slot, not team a's next endpoint
        assertThat(started).last().isEqualTo("b-0-1");
    }

    @Test
    void shouldLetALoneTeamUseEverySlot() {
        // given a share of 2 of 4 slots, and only team a has work
        Dispatcher<String> dispatcher = dispatcher(4, 2, Integer.MAX_VALUE);
        for (int e = 0; e < 6; e++) {
            submit(dispatcher, "a-" + e + "-1");
        }

        // then team a runs 4 at once: the share binds only while another team waits
        assertThat(started).hasSize(4);
    }

    @Test
    void shouldAlternateTeamsWhenBothHaveABacklog() {
        // given one slot taken by team a, then a backlog of both teams: b on one endpoint, a on two
        Dispatcher<String> dispatcher = dispatcher(1, 1, Integer.MAX_VALUE);
        submit(dispatcher, "a-0-1");
        submit(dispatcher, "b-0-1");
        submit(dispatcher, "a-1-1");
        submit(dispatcher, "a-2-1");
        submit(dispatcher, "b-0-2");

        // when each finishes in turn
        for (int i = 0; i < 4; i++) {
            running.get(started.get(started.size() - 1)).complete(null);
        }

        // then the teams took turns
        assertThat(started).containsExactly("a-0-1", "b-0-1", "a-1-1", "b-0-2", "a-2-1");
    }

    @Test
    void shouldParkATeamsOverflowBeyondItsShareOfTheBufferAndNotOthers() {
        // given a team may buffer 3, and team b is active (its delivery takes the one slot)
        Dispatcher<String> dispatcher = dispatcher(1, 1, 3);
        submit(dispatcher, "b-0-1");

        // when team a hands over 5
        for (int i = 1; i <= 5; i++) {
            submit(dispatcher, "a-0-" + i);
        }

        // then team a's last two wait in the retry path, team b's is running
        assertThat(parked).containsExactly("a-0-4", "a-0-5");
        assertThat(dispatcher.buffered()).isEqualTo(4);
        // until the team has drained (rate not measured yet: a second each, so 3 s for 3 buffered), then one a second
        assertThat(parkedUntil).containsExactly(NOW.plusSeconds(4), NOW.plusSeconds(5));
    }

    @Test
    void shouldNotParkWorkOfAnEndpointWithAFreeSlotEvenWhenItsTeamIsOverItsShare() {
        // given team b active, and team a's buffer full with one slow endpoint's backlog
        Dispatcher<String> dispatcher = dispatcher(8, 8, 3);
        submit(dispatcher, "b-0-1");
        dispatcher.submit("a-slow", "a-slow-1");
        dispatcher.submit("a-slow", "a-slow-2");
        dispatcher.submit("a-slow", "a-slow-3");

        // when another endpoint of team a, with nothing queued, gets a delivery
        submit(dispatcher, "a-fast-1");

        // then it runs at once
        assertThat(started).contains("a-fast-1");
        assertThat(parked).isEmpty();
    }

    @Test
    void shouldHoldAFifoEndpointThatOverflowsSoThatNothingOvertakesWhatIsParked() {
        // given a FIFO endpoint of team a with one delivery running, two queued, and the team's buffer full
        fifoPrefix = "a-fifo";
        Dispatcher<String> dispatcher = dispatcher(4, 4, 3);
        submit(dispatcher, "b-0-1");
        submit(dispatcher, "a-fifo-1");
        submit(dispatcher, "a-fifo-2");
        submit(dispatcher, "a-fifo-3");

        // when a fourth comes: it queues (one is in flight), and the endpoint is held once that finishes
        submit(dispatcher, "a-fifo-4");
        assertThat(parked).isEmpty();
        running.get("a-fifo-1").complete(null);

        // then the queued ones are parked in order, and so is a later one
        submit(dispatcher, "a-fifo-5");
        assertThat(parked).containsExactly("a-fifo-2", "a-fifo-3", "a-fifo-4", "a-fifo-5");
        assertThat(dispatcher.held()).isEqualTo(1);
        assertThat(dispatcher.buffered()).isEqualTo(1); // team b's
    }

    @Test
    void shouldLetALoneTeamFillTheWholeBuffer() {
        // given a team may buffer 3 while others are active, and only team a is
        Dispatcher<String> dispatcher = dispatcher(1, 1, 3);

        // when it hands over 5
        for (int i = 1; i <= 5; i++) {
            submit(dispatcher, "a-0-" + i);
        }

        // then all are buffered: parking would only delay a team that delays no one
        assertThat(parked).isEmpty();
        assertThat(dispatcher.buffered()).isEqualTo(5);
    }
}
