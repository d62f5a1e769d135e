package io.hookline.gateway.execute;

import io.hookline.schemas.avro.ExecuteResult;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * The reply side of execute's request–reply over Kafka: reads every partition of the results topic
 * from its end (no group: each gateway instance sees every reply and completes the ones it waits
 * for) and completes the pending future of each reply's correlation id.
 */
public final class ExecuteReplies implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExecuteReplies.class);

    private final Map<String, Object> consumerProps;
    private final int phase;
    private final Map<String, CompletableFuture<ExecuteResult>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> assigned = new CompletableFuture<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, ExecuteResult> consumer;
    private Thread thread;

    public ExecuteReplies(KafkaConnection connection, int phase) {
        this.consumerProps = new HashMap<>(connection.consumer(null));
        this.consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "hookline-gateway-execute-results");
        this.consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.phase = phase;
    }

    /** Registers interest in a reply; call before publishing the request. */
    CompletableFuture<ExecuteResult> expect(String correlationId) {
        CompletableFuture<ExecuteResult> future = new CompletableFuture<>();
        pending.put(correlationId, future);
        future.whenComplete((result, error) -> pending.remove(correlationId));
        return future;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "hookline-gateway-execute-results");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Completes once the consumer is positioned at the end of every partition: a request sent after
     * that cannot have its reply skipped by the initial seek. Kafka may be unreachable at start-up, so
     * callers wait for this (bounded) instead of start-up blocking on it.
     */
    CompletableFuture<Void> ready() {
        return assigned.copy();
    }

    private void run() {
        try (KafkaConsumer<String, ExecuteResult> c = new KafkaConsumer<>(consumerProps,
                Topics.EXECUTE_RESULTS.keySerde().deserializer(), Topics.EXECUTE_RESULTS.valueSerde().deserializer())) {
            consumer = c;
            assignAtEnd(c);
            while (running) {
                try {
                    for (ConsumerRecord<String, ExecuteResult> record : c.poll(Duration.ofMillis(200))) {
                        CompletableFuture<ExecuteResult> future = record.key() == null ? null : pending.get(record.key());
                        if (future != null && record.value() != null) {
                            future.complete(record.value());
                        }
                    }
                } catch (RecordDeserializationException e) {
                    log.error("Skipping unreadable execute result at {} offset {}", e.topicPartition(), e.offset(), e);
                    c.seek(e.topicPartition(), e.offset() + 1);
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    log.warn("Execute results cannot reach Kafka: {}", e.getMessage());
                }
            }
        } catch (WakeupException e) {
            // stop() asked us to leave
        } catch (RuntimeException e) {
            log.error("Execute results consumer stopped", e);
        } finally {
            consumer = null;
            assigned.completeExceptionally(new IllegalStateException("execute results consumer stopped"));
        }
    }

    private void assignAtEnd(KafkaConsumer<String, ExecuteResult> c) {
        while (running) {
            try {
                List<PartitionInfo> infos = c.partitionsFor(Topics.EXECUTE_RESULTS.name(), Duration.ofSeconds(5));
                if (!infos.isEmpty()) {
                    List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    c.assign(partitions);
                    c.seekToEnd(partitions);
                    partitions.forEach(c::position);
                    assigned.complete(null);
                    return;
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("Kafka does not answer yet for {}: {}", Topics.EXECUTE_RESULTS.name(), e.getMessage());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
        throw new WakeupException();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, ExecuteResult> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
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
