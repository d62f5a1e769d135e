package io.hookline.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    /** A fake sender: every started item stays in flight until the test completes it. */
    private final Map<String, CompletableFuture<Void>> running = new LinkedHashMap<>();
    private final List<String> started = new ArrayList<>();
    private final List<String> finished = new ArrayList<>();

    private Dispatcher<String> dispatcher(int maxInFlight, int maxPerEndpoint) {
        return new Dispatcher<>(maxInFlight, maxPerEndpoint, this::start, (item, failure) -> finished.add(item));
    }

    private CompletionStage<?> start(String item) {
        started.add(item);
        CompletableFuture<Void> future = new CompletableFuture<>();
        running.put(item, future);
        return future;
    }

    @Test
    void shouldStartAtMostThePerEndpointLimitForOneEndpoint() {
        // given
        Dispatcher<String> dispatcher = dispatcher(100, 2);

        // when
        for (int i = 1; i <= 5; i++) {
            dispatcher.submit("slow", "slow-" + i);
        }

        // then
        assertThat(started).containsExactly("slow-1", "slow-2");
        assertThat(dispatcher.inFlight()).isEqualTo(2);
        assertThat(dispatcher.buffered()).isEqualTo(5);
    }

    @Test
    void shouldStartAnotherEndpointsWorkAtOnceWhileOneEndpointIsSaturated() {
        // given
        Dispatcher<String> dispatcher = dispatcher(100, 2);
        for (int i = 1; i <= 5; i++) {
            dispatcher.submit("slow", "slow-" + i);
        }

        // when
        dispatcher.submit("healthy", "healthy-1");

        // then
        assertThat(started).containsExactly("slow-1", "slow-2", "healthy-1");
    }

    @Test
    void shouldStartTheEndpointsNextQueuedWorkWhenOneOfItsAttemptsFinishes() {
        // given
        Dispatcher<String> dispatcher = dispatcher(100, 2);
        for (int i = 1; i <= 3; i++) {
            dispatcher.submit("slow", "slow-" + i);
        }

        // when
        running.get("slow-2").complete(null);

        // then
        assertThat(finished).containsExactly("slow-2");
        assertThat(started).containsExactly("slow-1", "slow-2", "slow-3");
        assertThat(dispatcher.buffered()).isEqualTo(2);
    }

    @Test
    void shouldStartTheEndpointsNextWorkWhenAUnitReleasesItsSlotAndReportItOnceItIsFinished() {
        // given one slot per endpoint, and units whose stage may release the slot before they are finished
        Map<String, CompletableFuture<Object>> answers = new LinkedHashMap<>();
        Map<String, Throwable> failures = new LinkedHashMap<>();
        Dispatcher<String> dispatcher = new Dispatcher<>(100, 1, item -> {
            started.add(item);
            return answers.computeIfAbsent(item, key -> new CompletableFuture<>());
        }, (item, failure) -> {
            finished.add(item);
            failures.put(item, failure);
        });
        dispatcher.submit("fifo", "first");
        dispatcher.submit("fifo", "second");
        dispatcher.submit("fifo", "third");
        CompletableFuture<Void> firstRecorded = new CompletableFuture<>();
        CompletableFuture<Void> secondRecorded = new CompletableFuture<>();

        // when the first releases its slot while it is still being finished
        answers.get("first").complete(new Dispatcher.Released(null, firstRecorded));

        // then the endpoint's next one starts at once, and the first is neither reported nor forgotten
        assertThat(started).containsExactly("first", "second");
        assertThat(finished).isEmpty();
        assertThat(dispatcher.inFlight()).isEqualTo(1);
        assertThat(dispatcher.unfinished()).isEqualTo(2);
        assertThat(dispatcher.buffered()).isEqualTo(3);

        // when the second releases too, and then the first and the second finish, the second failing
        answers.get("second").complete(new Dispatcher.Released(null, secondRecorded));
        firstRecorded.complete(null);
        secondRecorded.completeExceptionally(new IllegalStateException("not recorded"));

        // then each is reported once finished, with its failure
        assertThat(started).containsExactly("first", "second", "third");
        assertThat(finished).containsExactly("first", "second");
        assertThat(failures.get("first")).isNull();
        assertThat(failures.get("second")).hasMessage("not recorded");
        assertThat(dispatcher.unfinished()).isEqualTo(1);
        assertThat(dispatcher.buffered()).isEqualTo(1);
    }

    @Test
    void shouldNeverRunMoreThanTheGlobalLimitAndShareFreedSlotsRoundRobin() {
        // given
        Dispatcher<String> dispatcher = dispatcher(2, 10);
        dispatcher.submit("a", "a-1");
        dispatcher.submit("a", "a-2");
        dispatcher.submit("a", "a-3");
        dispatcher.submit("a", "a-4");
        dispatcher.submit("b", "b-1");

        // when
        running.get("a-1").complete(null);

        // then
        assertThat(started).containsExactly("a-1", "a-2", "a-3");
        assertThat(dispatcher.inFlight()).isEqualTo(2);

        // when: a just had its turn, so b gets the next free slot although a queued first
        running.get("a-2").complete(null);

        // then
        assertThat(started).containsExactly("a-1", "a-2", "a-3", "b-1");
        assertThat(dispatcher.inFlight()).isEqualTo(2);
    }

    @Test
    void shouldReportFailedWorkAsFinishedAndFreeItsSlot() {
        // given
        List<Throwable> failures = new ArrayList<>();
        Dispatcher<String> dispatcher = new Dispatcher<>(1, 1, this::start, (item, failure) -> failures.add(failure));
        dispatcher.submit("a", "a-1");
        dispatcher.submit("a", "a-2");

        // when
        running.get("a-1").completeExceptionally(new IllegalStateException("not recorded"));

        // then
        assertThat(failures).singleElement().isInstanceOf(IllegalStateException.class);
        assertThat(started).containsExactly("a-1", "a-2");
    }

    @Test
    void shouldDiscardQueuedWorkButLetWorkInFlightFinish() {
        // given
        Dispatcher<String> dispatcher = dispatcher(100, 1);
        dispatcher.submit("a", "a-1");
        dispatcher.submit("a", "a-2");
        dispatcher.submit("a", "a-3");

        // when
        int discarded = dispatcher.discardQueued(item -> true);
        running.get("a-1").complete(null);

        // then
        assertThat(discarded).isEqualTo(2);
        assertThat(started).containsExactly("a-1");
        assertThat(finished).containsExactly("a-1");
        assertThat(dispatcher.buffered()).isZero();
    }

    @Test
    void shouldHandleWorkThatFinishesSynchronously() {
        // given
        Dispatcher<String> dispatcher = new Dispatcher<>(1, 1, item -> {
            started.add(item);
            return CompletableFuture.completedFuture(null);
        }, (item, failure) -> finished.add(item));

        // when
        dispatcher.submit("a", "a-1");
        dispatcher.submit("a", "a-2");

        // then
        assertThat(finished).containsExactly("a-1", "a-2");
        assertThat(dispatcher.buffered()).isZero();
    }
}
