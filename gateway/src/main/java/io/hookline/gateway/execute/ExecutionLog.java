package io.hookline.gateway.execute;

import io.hookline.schemas.avro.Execution;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The execution log behind {@code GET /v4/executions/{id}}. The topic keeps 30 days of runs with up to
 * 2 MiB of output each, too much to hold in memory, so this keeps only an index (execution id → team,
 * partition, offset) and fetches the one record asked for with a second consumer.
 */
public final class ExecutionLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExecutionLog.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private record Entry(String teamId, int partition, long offset) {
    }

    private final Map<String, Object> consumerProps;
    private final int phase;
    private final Map<String, Entry> index = new ConcurrentHashMap<>();
    private final Object fetchLock = new Object();
    private KafkaConsumer<String, Execution> fetcher;
    private volatile boolean running;
    private volatile KafkaConsumer<String, Execution> indexer;
    private Thread thread;

    public ExecutionLog(KafkaConnection connection, int phase) {
        this.consumerProps = new HashMap<>(connection.consumer(null));
        this.consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.phase = phase;
    }

    /** The team's execution, or empty when unknown (yet) or another team's. Blocks: call off the event loop. */
    Optional<Execution> find(String teamId, String executionId) {
        Entry entry = index.get(executionId);
        if (entry == null || !entry.teamId().equals(teamId)) {
            return Optional.empty();
        }
        synchronized (fetchLock) {
            if (fetcher == null) {
                Map<String, Object> props = new HashMap<>(consumerProps);
                props.put(ConsumerConfig.CLIENT_ID_CONFIG, "hookline-gateway-execution-fetch");
                props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
                fetcher = new KafkaConsumer<>(props, Topics.EXECUTION_LOG.keySerde().deserializer(),
                        Topics.EXECUTION_LOG.valueSerde().deserializer());
            }
            TopicPartition partition = new TopicPartition(Topics.EXECUTION_LOG.name(), entry.partition());
            fetcher.assign(List.of(partition));
            fetcher.seek(partition, entry.offset());
            long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Execution> record : fetcher.poll(Duration.ofMillis(100))) {
                    if (record.offset() == entry.offset()) {
                        return Optional.ofNullable(record.value());
                    }
                }
            }
            log.warn("Execution {} is indexed at {}:{} but could not be fetched in time", executionId, partition, entry.offset());
            return Optional.empty();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "hookline-gateway-view-" + Topics.EXECUTION_LOG.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Map<String, Object> props = new HashMap<>(consumerProps);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "hookline-gateway-execution-index");
        try (KafkaConsumer<String, Execution> c = new KafkaConsumer<>(props,
                Topics.EXECUTION_LOG.keySerde().deserializer(), Topics.EXECUTION_LOG.valueSerde().deserializer())) {
            indexer = c;
            assign(c);
            while (running) {
                try {
                    for (ConsumerRecord<String, Execution> record : c.poll(Duration.ofMillis(200))) {
                        if (record.key() != null && record.value() != null) {
                            index.put(record.key(), new Entry(record.value().getTeamId(), record.partition(), record.offset()));
                        }
                    }
                } catch (RecordDeserializationException e) {
                    log.error("Skipping unreadable execution at {} offset {}", e.topicPartition(), e.offset(), e);
                    c.seek(e.topicPartition(), e.offset() + 1);
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    log.warn("Execution log index cannot reach Kafka: {}", e.getMessage());
                }
            }
        } catch (WakeupException e) {
            // stop() asked us to leave
        } catch (RuntimeException e) {
            log.error("Execution log index stopped", e);
        } finally {
            indexer = null;
        }
    }

    private void assign(KafkaConsumer<String, Execution> c) {
        while (running) {
            try {
                List<PartitionInfo> infos = c.partitionsFor(Topics.EXECUTION_LOG.name(), Duration.ofSeconds(5));
                if (!infos.isEmpty()) {
                    List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    c.assign(partitions);
                    c.seekToBeginning(partitions);
                    return;
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("Kafka does not answer yet for {}: {}", Topics.EXECUTION_LOG.name(), e.getMessage());
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
        KafkaConsumer<String, Execution> current = indexer;
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
        synchronized (fetchLock) {
            if (fetcher != null) {
                fetcher.close(Duration.ofSeconds(2));
                fetcher = null;
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
