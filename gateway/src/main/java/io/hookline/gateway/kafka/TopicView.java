package io.hookline.gateway.kafka;

import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The latest value of every key of a compacted topic, read from the beginning into memory by a
 * consumer of its own (no group: it is assigned every partition) on its own thread. Tombstones
 * remove keys. Writers wait on {@link #awaitOffset} for read-your-writes; readers may wait on
 * {@link #caughtUp()} to see everything that was on the topic when the view started.
 *
 * <p>A view starts even when Kafka is unreachable and keeps trying; until it has caught up,
 * {@link #caughtUp()} is incomplete and callers decide how long to wait.
 */
public final class TopicView<V> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicView.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Topic<String, V> topic;
    private final Map<String, Object> consumerProps;
    private final int phase;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Positions positions = new Positions();

    private volatile boolean running;
    private volatile KafkaConsumer<String, V> consumer;
    private Thread thread;

    public TopicView(Topic<String, V> topic, KafkaConnection connection, String clientId, int phase) {
        this.topic = topic;
        this.consumerProps = new HashMap<>(connection.consumer(null));
        this.consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        // A view must never create its topic by looking at it (with the broker's defaults, uncompacted).
        this.consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.phase = phase;
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
    public void start() {
        running = true;
        thread = new Thread(this::run, "hookline-gateway-view-" + topic.name());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, V> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    private void run() {
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(consumerProps,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer = c;
            Map<Integer, Long> startEnd = assignAll(c);
            while (running) {
                try {
                    poll(c);
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // Kafka went away for a while: keep what we have and try again.
                    log.warn("View of {} cannot reach Kafka: {}", topic.name(), e.getMessage());
                    sleep(RETRY);
                }
                if (!caughtUp.isDone() && positions.reached(startEnd)) {
                    log.info("View of {} caught up: {} keys", topic.name(), values.size());
                    caughtUp.complete(null);
                }
            }
        } catch (WakeupException e) {
            // stop() asked us to leave
        } catch (RuntimeException e) {
            log.error("View of {} stopped", topic.name(), e);
            caughtUp.completeExceptionally(e);
        } finally {
            consumer = null;
        }
    }

    /** Assigns every partition from the beginning, waiting (while running) for the topic to exist. */
    private Map<Integer, Long> assignAll(KafkaConsumer<String, V> c) throws WakeupException {
        while (running) {
            try {
                List<PartitionInfo> infos = c.partitionsFor(topic.name(), Duration.ofSeconds(5));
                if (!infos.isEmpty()) {
                    List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    c.assign(partitions);
                    c.seekToBeginning(partitions);
                    Map<Integer, Long> ends = new HashMap<>();
                    c.endOffsets(partitions, Duration.ofSeconds(30)).forEach((p, end) -> ends.put(p.partition(), end));
                    return ends;
                }
                log.info("Topic {} does not exist yet; waiting", topic.name());
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("Kafka does not answer yet for {}: {}", topic.name(), e.getMessage());
            }
            sleep(RETRY);
        }
        throw new WakeupException();
    }

    private void poll(KafkaConsumer<String, V> c) {
        try {
            for (ConsumerRecord<String, V> record : c.poll(POLL)) {
                apply(record.key(), record.value());
            }
        } catch (RecordDeserializationException e) {
            // One unreadable record must not stop the view: skip it and say so.
            log.error("Skipping unreadable record at {} offset {}", e.topicPartition(), e.offset(), e);
            c.seek(e.topicPartition(), e.offset() + 1);
        }
        Map<Integer, Long> read = new HashMap<>();
        for (TopicPartition partition : c.assignment()) {
            read.put(partition.partition(), c.position(partition));
        }
        positions.advance(read);
    }

    private void apply(String key, V value) {
        if (key == null) {
            return;
        }
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }
}
