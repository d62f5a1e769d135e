package io.hookline.kafka.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits what the {@link OffsetTracker} allows: asynchronously at an interval while running,
 * synchronously when partitions are revoked or the loop stops. Consumer thread only.
 */
final class Commits {

    private static final Logger log = LoggerFactory.getLogger(Commits.class);

    private final Consumer<?, ?> consumer;
    private final OffsetTracker tracker;
    private final Duration interval;
    private long last = System.nanoTime();

    Commits(Consumer<?, ?> consumer, OffsetTracker tracker, Duration interval) {
        this.consumer = consumer;
        this.tracker = tracker;
        this.interval = interval;
    }

    void commitIfDue() {
        if (System.nanoTime() - last < interval.toNanos()) {
            return;
        }
        last = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
        if (!offsets.isEmpty()) {
            tracker.committed(offsets);
            consumer.commitAsync(offsets, (committed, e) -> {
                if (e != null) {
                    log.warn("Committing {} failed; will commit again: {}", offsets, e.toString());
                    tracker.commitFailed(offsets);
                }
            });
        }
    }

    void commitNow() {
        commitSync(tracker.committable());
    }

    void commitNow(Collection<TopicPartition> partitions) {
        commitSync(tracker.committable(partitions));
    }

    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(10));
            tracker.committed(offsets);
        } catch (RuntimeException e) {
            log.warn("Committing {} failed; those tasks will be delivered again: {}", offsets, e.toString());
        }
    }
}
