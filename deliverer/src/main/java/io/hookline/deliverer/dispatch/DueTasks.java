package io.hookline.deliverer.dispatch;

import io.hookline.kafka.consumer.PartitionOffsets;
import io.hookline.schemas.avro.DeliveryTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.kafka.common.TopicPartition;

/**
 * The timer store of waiting retries: tasks read from {@code hookline.delivery-retries}, ordered by
 * when they are due, whatever order they were read in (a 5 s retry never waits behind a 10 h one).
 * Their offsets stay unfinished until they are re-queued, so a restart reads them again. Counts
 * what each webhook has waiting, so that the retry loop can bound it. Used by the retry thread only.
 */
final class DueTasks {

    /** A waiting retry and where it was read. */
    record Waiting(TopicPartition partition, long offset, PartitionOffsets offsets, DeliveryTask task, Instant due) {
    }

    private final PriorityQueue<Waiting> waiting = new PriorityQueue<>(
            Comparator.comparing(Waiting::due).thenComparing(Waiting::offset));

    private final Map<String, Integer> perWebhook = new HashMap<>();

    void add(Waiting task) {
        waiting.add(task);
        perWebhook.merge(task.task().getWebhookId(), 1, Integer::sum);
    }

    /** Retries of this webhook waiting here. */
    int waitingFor(String webhookId) {
        return perWebhook.getOrDefault(webhookId, 0);
    }

    private void removed(Waiting task) {
        perWebhook.computeIfPresent(task.task().getWebhookId(), (id, n) -> n == 1 ? null : n - 1);
    }

    /** Removes and returns the tasks due at {@code now}, earliest first. */
    List<Waiting> takeDue(Instant now) {
        List<Waiting> due = new ArrayList<>();
        while (!waiting.isEmpty() && !waiting.peek().due().isAfter(now)) {
            Waiting next = waiting.poll();
            removed(next);
            due.add(next);
        }
        return due;
    }

    /** Forgets the tasks of revoked partitions: their new owner reads them again. */
    int drop(Collection<TopicPartition> partitions) {
        int before = waiting.size();
        waiting.removeIf(w -> {
            boolean revoked = partitions.contains(w.partition());
            if (revoked) {
                removed(w);
            }
            return revoked;
        });
        return before - waiting.size();
    }

    int size() {
        return waiting.size();
    }
}
