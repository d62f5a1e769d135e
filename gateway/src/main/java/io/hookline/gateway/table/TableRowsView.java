package io.hookline.gateway.table;

import io.hookline.gateway.kafka.TopicReader;
import io.hookline.schemas.avro.TableRows;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Every batch of rows written to every table, in topic order, read from the beginning of the
 * table-rows topic (an append log, unlike the compacted views). Writers wait for their offset
 * with {@link #reached} for read-your-writes.
 */
public final class TableRowsView extends TopicReader<TableRows> {

    private final Map<String, List<TableRows>> batches = new ConcurrentHashMap<>();
    private final Map<Integer, Long> next = new ConcurrentHashMap<>();

    public TableRowsView(KafkaConnection connection, int phase) {
        super(connection, Topics.TABLE_ROWS, "hookline-gateway-table-rows", false, phase);
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
    protected void accept(ConsumerRecord<String, TableRows> record) {
        if (record.key() != null && record.value() != null) {
            batches.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>()).add(record.value());
        }
    }

    @Override
    protected void afterPoll(KafkaConsumer<String, TableRows> consumer) {
        for (TopicPartition partition : consumer.assignment()) {
            next.put(partition.partition(), consumer.position(partition));
        }
    }
}
