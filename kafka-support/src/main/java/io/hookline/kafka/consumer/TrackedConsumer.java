package io.hookline.kafka.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plumbing every consumer loop of Hookline shares, written once (as spring-kafka keeps one listener
 * container): offsets tracked per partition and committed only up to the first unfinished record
 * ({@link OffsetTracker}), a queue through which other threads hand back completions, pause/resume
 * back-pressure, and rebalance handling (on revocation: apply what finished, commit it, forget the
 * partitions). The loop itself stays the caller's: it polls, decides what a record means, and calls
 * {@link #runCompletions()} and {@link #commitIfDue()} once a round. Consumer thread only, but for
 * {@link #complete}.
 */
public final class TrackedConsumer {

    private static final Logger log = LoggerFactory.getLogger(TrackedConsumer.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /** What the caller drops of partitions it no longer owns (queued work, waiting records). */
    @FunctionalInterface
    public interface Forget {
        void forget(Collection<TopicPartition> partitions);
    }

    private final Consumer<?, ?> consumer;
    private final OffsetTracker tracker = new OffsetTracker();
    private final BlockingQueue<Runnable> completions = new LinkedBlockingQueue<>();
    private final Commits commits;
    private final Forget forget;
    private volatile boolean paused;
    private volatile int assignedPartitions;

    public TrackedConsumer(Consumer<?, ?> consumer, Duration commitInterval, Forget forget) {
        this.consumer = consumer;
        this.commits = new Commits(consumer, tracker, commitInterval);
        this.forget = forget;
    }

    /** Subscribes with the shared rebalance handling. */
    public void subscribe(Collection<String> topics) {
        consumer.subscribe(topics, new Rebalance());
    }

    /** Starts tracking a record read; finish it through the returned partition (on this thread, or via {@link #complete}). */
    public PartitionOffsets track(ConsumerRecord<?, ?> record) {
        return tracker.track(new TopicPartition(record.topic(), record.partition()), record.offset());
    }

    /** From any thread: runs {@code completion} on the consumer thread at its next {@link #runCompletions()}. */
    public void complete(Runnable completion) {
        completions.add(completion);
    }

    public void runCompletions() {
        for (Runnable completion; (completion = completions.poll()) != null; ) {
            completion.run();
        }
    }

    /** Waits at most {@code atMost} for one completion and runs it: how a stopping loop drains work in flight. */
    public void awaitCompletion(Duration atMost) throws InterruptedException {
        Runnable completion = completions.poll(atMost.toNanos(), TimeUnit.NANOSECONDS);
        if (completion != null) {
            completion.run();
        }
    }

    /**
     * Pauses every assigned partition while {@code full} (again each time: partitions may have been
     * assigned since) and resumes them when not; polling goes on, so the group membership stays alive.
     *
     * @return whether this call paused a consumer that was reading, for the caller to say why
     */
    public boolean pauseWhile(boolean full) {
        if (full) {
            boolean newly = !paused;
            paused = true;
            consumer.pause(consumer.assignment());
            return newly;
        }
        if (paused) {
            consumer.resume(consumer.paused());
            paused = false;
        }
        return false;
    }

    public boolean isPaused() {
        return paused;
    }

    public void commitIfDue() {
        commits.commitIfDue();
    }

    /** Commits what finished of every partition, synchronously: on stop. */
    public void commitNow() {
        commits.commitNow();
    }

    /**
     * How a loop leaves, whether asked to or on an error: what finished is applied and committed, then
     * the consumer closes (bounded). A failed commit costs only re-reading: {@code what} says what in the log.
     */
    public void finish(String what) {
        try {
            runCompletions();
            commits.commitNow();
        } catch (RuntimeException e) {
            log.warn("Committing {} failed; they are read again on restart: {}", what, e.toString());
        } finally {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        }
    }

    /** Partitions assigned whose read position is known. */
    public int assignedPartitions() {
        return assignedPartitions;
    }

    /** Records read and not finished, over the partitions owned. */
    public int unfinished() {
        return tracker.unfinished();
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            runCompletions();
            commits.commitNow(partitions);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another member owns them already: committing would fail, and their work is re-read there
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions);
            }
            for (TopicPartition partition : partitions) {
                // resolve the position now (committed offset or reset) so "assigned" means "reading from here"
                log.info("Reading {} from offset {}", partition, consumer.position(partition));
            }
            assignedPartitions = consumer.assignment().size();
        }

        private void forget(Collection<TopicPartition> partitions) {
            assignedPartitions = Math.max(0, consumer.assignment().size() - partitions.size());
            // late results of these partitions finish into offsets no longer tracked, and are ignored
            tracker.forget(partitions);
            forget.forget(partitions);
        }
    }
}
