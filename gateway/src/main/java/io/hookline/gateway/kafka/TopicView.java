package io.hookline.gateway.kafka;

import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest value of every key of a compacted topic, read from the beginning into memory by a
 * {@link TopicReader} (no group: it is assigned every partition) on its own thread. Tombstones
 * remove keys. Writers wait on {@link #awaitOffset} for read-your-writes; readers may wait on
 * {@link #caughtUp()} to see everything that was on the topic when the view started.
 *
 * <p>A view starts even when Kafka is unreachable and keeps trying; until it has caught up,
 * {@link #caughtUp()} is incomplete and callers decide how long to wait.
 */
public final class TopicView<V> extends TopicReader<V> {

    private static final Logger log = LoggerFactory.getLogger(TopicView.class);

    private final String topicName;
    private final BinaryOperator<V> merge;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Positions positions = new Positions();
    /** Where each partition ended when the view was assigned: reaching it is "caught up". */
    private volatile Map<Integer, Long> startEnd = Map.of();

    public TopicView(Topic<String, V> topic, KafkaConnection connection, String clientId, int phase) {
        this(topic, connection, clientId, phase, (current, next) -> next);
    }

    /**
     * @param merge what to keep of a key when another value of it is read, given the one kept so far and the
     *              new one (the latest by default); every instance reads a partition in the same order, so a
     *              merge that depends only on the two values gives every instance the same view
     */
    public TopicView(Topic<String, V> topic, KafkaConnection connection, String clientId, int phase, BinaryOperator<V> merge) {
        super(connection, topic, clientId, false, phase, "hookline-gateway-view-" + topic.name());
        this.topicName = topic.name();
        this.merge = merge;
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The current values, live (not a copy); safe to iterate while the view changes. */
    public Collection<V> values() {
        return values.values();
    }

    /** Completes once the view has read up to the end offsets the topic had when the view started. */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp.copy();
    }

    public boolean awaitCaughtUp(Duration timeout) {
        try {
            caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /**
     * Completes once the record at this offset has been applied (read-your-writes); fails with a
     * {@link java.util.concurrent.TimeoutException} after the timeout.
     */
    public CompletableFuture<Void> awaitOffset(int partition, long offset, Duration timeout) {
        return positions.await(partition, offset, timeout);
    }

    @Override
    protected void onAssigned(KafkaConsumer<String, V> consumer) {
        Map<Integer, Long> ends = new HashMap<>();
        consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30)).forEach((p, end) -> ends.put(p.partition(), end));
        startEnd = ends;
    }

    @Override
    protected void accept(ConsumerRecord<String, V> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            values.remove(record.key());
        } else {
            values.merge(record.key(), record.value(), merge);
        }
    }

    @Override
    protected void afterPoll(KafkaConsumer<String, V> consumer) {
        Map<Integer, Long> read = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            read.put(partition.partition(), consumer.position(partition));
        }
        positions.advance(read);
        if (!caughtUp.isDone() && positions.reached(startEnd)) {
            log.info("View of {} caught up: {} keys", topicName, values.size());
            caughtUp.complete(null);
        }
    }

    @Override
    protected void onStopped(RuntimeException failure) {
        if (failure != null) {
            caughtUp.completeExceptionally(failure);
        }
    }
}
