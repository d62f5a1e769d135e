package io.hookline.gateway.kafka;

import io.hookline.kafka.view.CompactedTopic;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every partition of one topic on a thread of its own, with no consumer group (every gateway
 * instance sees every record), from the beginning or from the end. It waits for the topic to exist
 * instead of failing start-up, skips a record it cannot read, and stops on {@link #stop()}.
 * Subclasses say what a record does.
 */
public abstract class TopicReader<V> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Topic<String, V> topic;
    private final Map<String, Object> consumerProps;
    private final boolean fromEnd;
    private final int phase;
    private final String threadName;
    private volatile boolean running;
    private volatile KafkaConsumer<String, V> consumer;
    private Thread thread;

    protected TopicReader(KafkaConnection connection, Topic<String, V> topic, String clientId, boolean fromEnd, int phase) {
        this(connection, topic, clientId, fromEnd, phase, "hookline-gateway-reader-" + topic.name());
    }

    protected TopicReader(KafkaConnection connection, Topic<String, V> topic, String clientId, boolean fromEnd, int phase,
            String threadName) {
        this.topic = topic;
        this.consumerProps = new HashMap<>(connection.consumer(null));
        this.consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        // A reader must never create its topic by looking at it (with the broker's defaults, uncompacted).
        this.consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.fromEnd = fromEnd;
        this.phase = phase;
        this.threadName = threadName;
    }

    /** One record read; called on the reader's thread, in partition order. */
    protected abstract void accept(ConsumerRecord<String, V> record);

    /** Called once the consumer is positioned on every partition (e.g. to note where the topic ended). */
    protected void onAssigned(KafkaConsumer<String, V> consumer) {
    }

    /** Called after each poll whose records were all accepted, with the consumer (e.g. to note positions). */
    protected void afterPoll(KafkaConsumer<String, V> consumer) {
    }

    /** Called when the reader has stopped: {@code failure} is null when {@link #stop()} asked it to. */
    protected void onStopped(RuntimeException failure) {
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        RuntimeException failure = null;
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(consumerProps, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer = c;
            assign(c);
            while (running) {
                try {
                    for (ConsumerRecord<String, V> record : c.poll(POLL)) {
                        accept(record);
                    }
                    afterPoll(c);
                } catch (RecordDeserializationException e) {
                    // one unreadable record must not stop the reader: skip it and say so
                    log.error("Skipping an unreadable record of {} at {} offset {}", topic.name(), e.topicPartition(), e.offset(), e);
                    c.seek(e.topicPartition(), e.offset() + 1);
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // Kafka went away for a while: keep what we have and try again
                    log.warn("The reader of {} cannot reach Kafka: {}", topic.name(), e.getMessage());
                    sleep(RETRY);
                }
            }
        } catch (WakeupException e) {
            // stop() asked us to leave
        } catch (RuntimeException e) {
            log.error("The reader of {} stopped", topic.name(), e);
            failure = e;
        } finally {
            consumer = null;
            onStopped(failure);
        }
    }

    /** Waits (while running) for the topic to exist, then takes all its partitions and calls {@link #onAssigned}. */
    private void assign(KafkaConsumer<String, V> c) {
        while (running) {
            try {
                if (!CompactedTopic.assignAll(c, topic.name(), Duration.ofSeconds(5), fromEnd).isEmpty()) {
                    onAssigned(c); // in the retry loop: what it asks of Kafka may time out too
                    return;
                }
                log.info("Topic {} does not exist yet; waiting", topic.name());
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("Kafka does not answer yet for {}: {}", topic.name(), e.getMessage());
            }
            sleep(RETRY);
        }
        throw new WakeupException();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
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
}
