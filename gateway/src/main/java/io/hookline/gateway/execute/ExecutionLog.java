package io.hookline.gateway.execute;

import io.hookline.gateway.kafka.TopicReader;
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
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution log behind {@code GET /v4/executions/{id}}. The topic keeps 30 days of runs with up to
 * 2 MiB of output each, too much to hold in memory, so this keeps only an index (execution id → team,
 * partition, offset) and fetches the one record asked for with a second consumer.
 */
public final class ExecutionLog extends TopicReader<Execution> {

    private static final Logger log = LoggerFactory.getLogger(ExecutionLog.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private record Entry(String teamId, int partition, long offset) {
    }

    private final Map<String, Object> consumerProps;
    private final Map<String, Entry> index = new ConcurrentHashMap<>();
    private final Object fetchLock = new Object();
    private KafkaConsumer<String, Execution> fetcher;

    public ExecutionLog(KafkaConnection connection, int phase) {
        super(connection, Topics.EXECUTION_LOG, "hookline-gateway-execution-index", false, phase);
        this.consumerProps = new HashMap<>(connection.consumer(null));
        this.consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
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
    protected void accept(ConsumerRecord<String, Execution> record) {
        if (record.key() != null && record.value() != null) {
            index.put(record.key(), new Entry(record.value().getTeamId(), record.partition(), record.offset()));
        }
    }
}
