package io.hookline.gateway.table;

import io.hookline.schemas.avro.TableRows;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Every batch of rows written to every table, in topic order, read from the beginning of the
 * table-rows topic (an append log, unlike the compacted views). Writers wait for their offset
 * with {@link #reached} for read-your-writes.
 */
public final class TableRowsView implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TableRowsView.class);

    private final Map<String, Object> consumerProps;
    private final int phase;
    private final Map<String, List<TableRows>> batches = new ConcurrentHashMap<>();
    private final Map<Integer, Long> next = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, TableRows> consumer;
    private Thread thread;

    public TableRowsView(KafkaConnection connection, int phase) {
        this.consumerProps = new HashMap<>(connection.consumer(null));
        this.consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "hookline-gateway-table-rows");
        this.consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.phase = phase;
    }

    /** The batches of one team's table, oldest first. */
    List<TableRows> batches(String teamId, String table) {
        return List.copyOf(batches.getOrDefault(key(teamId, table), List.of()));
    }

    /** Whether the record at this offset has been read. */
    boolean reached(int partition, long offset) {
        return next.getOrDefault(partition, 0L) > offset;
    }

    static String key(String teamId, String table) {
        return teamId + "|" + table;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "hookline-gateway-view-" + Topics.TABLE_ROWS.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (KafkaConsumer<String, TableRows> c = new KafkaConsumer<>(consumerProps,
                Topics.TABLE_ROWS.keySerde().deserializer(), Topics.TABLE_ROWS.valueSerde().deserializer())) {
            consumer = c;
            assign(c);
            while (running) {
                try {
                    for (ConsumerRecord<String, TableRows> record : c.poll(Duration.ofMillis(200))) {
                        if (record.key() != null && record.value() != null) {
                            batches.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>()).add(record.value());
                        }
                    }
                } catch (RecordDeserializationException e) {
                    log.error("Skipping unreadable table rows at {} offset {}", e.topicPartition(), e.offset(), e);
                    c.seek(e.topicPartition(), e.offset() + 1);
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    log.warn("Table rows view cannot reach Kafka: {}", e.getMessage());
                }
                for (TopicPartition partition : c.assignment()) {
                    next.put(partition.partition(), c.position(partition));
                }
            }
        } catch (WakeupException e) {
            // stop() asked us to leave
        } catch (RuntimeException e) {
            log.error("Table rows view stopped", e);
        } finally {
            consumer = null;
        }
    }

    private void assign(KafkaConsumer<String, TableRows> c) {
        while (running) {
            try {
                List<PartitionInfo> infos = c.partitionsFor(Topics.TABLE_ROWS.name(), Duration.ofSeconds(5));
                if (!infos.isEmpty()) {
                    List<TopicPartition> partitions = new ArrayList<>();
                    infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                    c.assign(partitions);
                    c.seekToBeginning(partitions);
                    return;
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("Kafka does not answer yet for {}: {}", Topics.TABLE_ROWS.name(), e.getMessage());
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
        KafkaConsumer<String, TableRows> current = consumer;
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
