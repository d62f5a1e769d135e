package io.hookline.gateway.table;

import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.kafka.TopicReader;
import io.hookline.schemas.avro.TableRows;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The table-rows topic (an append log, unlike the compacted views) read from the beginning: each
 * batch counts towards its team's quota ({@link TableQuota}) and goes into the team's DuckDB file
 * ({@link TableStore}) unless the file has it already. Writers wait for their offset with
 * {@link #reached} for read-your-writes: it is passed once the batch is committed to the file.
 */
public final class TableRowsView extends TopicReader<TableRows> {

    private static final Logger log = LoggerFactory.getLogger(TableRowsView.class);

    private final Map<Integer, Long> next = new ConcurrentHashMap<>();
    private final TableStore store;
    private final TableQuota quota;
    private final JsonMapper mapper;

    TableRowsView(KafkaConnection connection, int phase, GatewayProperties.Tables limits, TableStore store, JsonMapper mapper, Clock clock) {
        super(connection, Topics.TABLE_ROWS, "hookline-gateway-table-rows", false, phase);
        this.store = store;
        this.quota = new TableQuota("write", limits.quotaRows(), limits.quotaBytes().toBytes(), limits.quotaWindow(), limits.maxWriteRows(),
                limits.maxWriteBytes(), clock);
        this.mapper = mapper;
    }

    TableQuota quota() {
        return quota;
    }

    /** Whether the record at this offset has been read. */
    boolean reached(int partition, long offset) {
        return next.getOrDefault(partition, 0L) > offset;
    }

    static String key(String teamId, String table) {
        return teamId + "|" + table;
    }

    /** The size a batch of rows counts for, in the quota and in memory. */
    static long bytes(String rowsJson) {
        return rowsJson.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    protected void accept(ConsumerRecord<String, TableRows> record) {
        TableRows batch = record.value();
        if (record.key() == null || batch == null) {
            return;
        }
        List<JsonNode> rows;
        try {
            rows = rows(batch.getRows());
        } catch (RuntimeException e) {
            log.error("Skipping an unreadable batch of rows at {}-{} offset {}", record.topic(), record.partition(), record.offset(), e);
            return;
        }
        quota.record(batch.getTeamId(), batch.getWrittenAt(), rows.size(), bytes(batch.getRows()));
        store.apply(batch.getTeamId(), batch.getTable(), rows, batch.getWrittenAt(), record.partition(), record.offset());
    }

    @Override
    protected void afterPoll(KafkaConsumer<String, TableRows> consumer) {
        for (TopicPartition partition : consumer.assignment()) {
            next.put(partition.partition(), consumer.position(partition));
        }
    }

    /** The rows of a batch: a JSON array of objects. */
    private List<JsonNode> rows(String rowsJson) {
        JsonNode array = mapper.readTree(rowsJson);
        if (!array.isArray()) {
            throw new IllegalArgumentException("a batch of rows is not a JSON array");
        }
        List<JsonNode> rows = new ArrayList<>(array.size());
        for (JsonNode row : array) {
            if (!row.isObject()) {
                throw new IllegalArgumentException("a row is not a JSON object");
            }
            rows.add(row);
        }
        return rows;
    }
}
