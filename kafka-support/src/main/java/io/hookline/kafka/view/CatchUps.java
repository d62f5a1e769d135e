package io.hookline.kafka.view;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Callers waiting until a view has read everything written before they asked: a reader that does not
 * find a key can wait for this instead of concluding it is absent. Any thread may {@link #ask()}; the
 * view's thread calls {@link #check} after each poll and {@link #failAll} when it stops.
 */
public final class CatchUps {

    private final ConcurrentLinkedQueue<CompletableFuture<Void>> asked = new ConcurrentLinkedQueue<>();
    private final List<Waiter> waiters = new ArrayList<>();

    /** Completes once the view has read every record written before this call. */
    public CompletableFuture<Void> ask() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        asked.add(done);
        return done;
    }

    /** View thread: notes where the topic ends for those who asked since, and releases those whose end was read. */
    public void check(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<CompletableFuture<Void>> fresh = new ArrayList<>();
        for (CompletableFuture<Void> f; (f = asked.poll()) != null; ) {
            fresh.add(f);
        }
        if (!fresh.isEmpty()) {
            waiters.add(new Waiter(consumer.endOffsets(partitions), fresh));
        }
        waiters.removeIf(waiter -> {
            if (!CompactedTopic.reached(consumer, waiter.ends())) {
                return false;
            }
            waiter.futures().forEach(f -> f.complete(null));
            return true;
        });
    }

    /** View thread, on stop: nobody waits for a view that reads no more. */
    public void failAll(RuntimeException why) {
        waiters.forEach(w -> w.futures().forEach(f -> f.completeExceptionally(why)));
        waiters.clear();
        asked.forEach(f -> f.completeExceptionally(why));
    }

    private record Waiter(Map<TopicPartition, Long> ends, List<CompletableFuture<Void>> futures) {
    }
}
