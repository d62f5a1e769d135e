package io.hookline.gateway.table;

import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.kafka.TopicReader;
import io.hookline.schemas.avro.TableRows;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The table-rows topic (an append log, unlike the compacted views) read from the beginning: each
 * batch counts towards its team's quota ({@link TableQuota}) and is kept for reads within the team's
 * memory bound ({@link KeptRows}), not for ever. Writers wait for their offset with {@link #reached}
 * for read-your-writes.
 */
public final class TableRowsView extends TopicReader<TableRows> {

    private static final Logger log = LoggerFactory.getLogger(TableRowsView.class);

    private final Map<Integer, Long> next = new ConcurrentHashMap<>();
    private final KeptRows kept;
    private final TableQuota quota;
    private final JsonMapper mapper;

    public TableRowsView(KafkaConnection connection, int phase, GatewayProperties.Tables limits, JsonMapper mapper, Clock clock) {
        super(connection, Topics.TABLE_ROWS, "hookline-gateway-table-rows", false, phase);
        this.kept = new KeptRows(limits.memoryRows(), limits.memoryBytes().toBytes());
        this.quota = new TableQuota("write", limits.quotaRows(), limits.quotaBytes().toBytes(), limits.quotaWindow(), limits.maxWriteRows(),
                limits.maxWriteBytes(), clock);
        this.mapper = mapper;
    }

    /** What this gateway keeps of one team's table. */
    KeptRows.Table table(String teamId, String table) {
        return kept.table(teamId, table);
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
        int rows;
        try {
            rows = count(batch.getRows());
        } catch (RuntimeException e) {
            log.error("Skipping an unreadable batch of rows at {}-{} offset {}", record.topic(), record.partition(), record.offset(), e);
            return;
        }
        long bytes = bytes(batch.getRows());
        quota.record(batch.getTeamId(), batch.getWrittenAt(), rows, bytes);
        kept.add(batch.getTeamId(), new KeptRows.Batch(batch.getTable(), batch.getRows(), rows, bytes, batch.getWrittenAt()));
    }

    @Override
    protected void afterPoll(KafkaConsumer<String, TableRows> consumer) {
        for (TopicPartition partition : consumer.assignment()) {
            next.put(partition.partition(), consumer.position(partition));
        }
    }

    /** The rows of a batch's JSON array, counted without building them. */
    private int count(String rowsJson) {
        try (JsonParser parser = mapper.createParser(rowsJson)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("a batch of rows is not a JSON array");
            }
            int rows = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                parser.skipChildren();
                rows++;
            }
            return rows;
        }
    }
}
