package io.hookline.gateway.deliverylog;

import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a webhook's partition of {@code hookline.deliveries} from the deliverer group's committed
 * offset to its end. The deliverer commits only up to the first unfinished task of each partition, so
 * every routed task without a finished attempt is there (a task it parks in the retry topic has a
 * pending record of its own instead). The partition is the router's: Kafka's default partitioner over
 * the webhook id. Read committed (the router may write in transactions), bounded, and kept for
 * {@link #FRESH} so that a console refreshing every few seconds, or a page and the next, read it once.
 */
final class KafkaBacklog implements DeliveryBacklog, AutoCloseable {

    /**
     * Records read per listing, at most: the newest ones when the backlog is longer (the list is newest
     * first). ~1 ms of CPU per thousand small tasks; a backlog longer than this is a deliverer far
     * behind, which its consumer lag says better than a list.
     */
    static final int MAX_RECORDS = 10_000;
    /**
     * Time the records' read may take, at most: a listing stays interactive on a slow or busy broker.
     * Each call before it (partitions, the group's offset, the partition's ends) is bounded by it too,
     * so a broker that does not answer costs a listing a few seconds, then it shows what the index has.
     */
    static final Duration MAX_TIME = Duration.ofSeconds(1);
    /** How long a read partition is reused: about a refresh of the console, so a refresh loop costs one read a second. */
    static final Duration FRESH = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(KafkaBacklog.class);

    private final Admin admin;
    private final Consumer<String, byte[]> consumer;
    private final String delivererGroup;
    private final LongSupplier nanoTime;
    private final Bounds bounds;
    private final Map<Integer, Read> reads = new HashMap<>();
    private int partitions;

    private record Read(Backlog backlog, long at) {
    }

    /** The read's bounds and reuse; {@link #DEFAULT} in production, smaller in tests of the bounds. */
    record Bounds(int maxRecords, Duration maxTime, Duration fresh) {
        static final Bounds DEFAULT = new Bounds(MAX_RECORDS, MAX_TIME, FRESH);
    }

    static KafkaBacklog of(KafkaConnection connection, String delivererGroup) {
        Map<String, Object> adminConfig = connection.admin();
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "hookline-gateway-backlog-admin");
        Map<String, Object> consumerConfig = connection.consumer(null); // no group: it assigns and seeks, it never commits
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "hookline-gateway-backlog");
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        return new KafkaBacklog(Admin.create(adminConfig),
                new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer()), delivererGroup, Bounds.DEFAULT,
                System::nanoTime);
    }

    KafkaBacklog(Admin admin, Consumer<String, byte[]> consumer, String delivererGroup, Bounds bounds, LongSupplier nanoTime) {
        this.bounds = bounds;
        this.admin = admin;
        this.consumer = consumer;
        this.delivererGroup = delivererGroup;
        this.nanoTime = nanoTime;
    }

    /** One read at a time: the consumer is single-threaded, and a second caller of the same partition then gets the first's read. */
    @Override
    public synchronized Backlog of(String webhookId) {
        long now = nanoTime.getAsLong();
        int partition;
        try {
            partition = partition(webhookId);
        } catch (RuntimeException e) {
            log.warn("Cannot learn the partitions of {}; listing without the deliverer's backlog: {}", Topics.DELIVERIES.name(), e.toString());
            return new Backlog(Map.of(), true);
        }
        reads.values().removeIf(read -> now - read.at() >= bounds.fresh().toNanos()); // a stale read is never used again: free it
        Read cached = reads.get(partition);
        if (cached != null && now - cached.at() < bounds.fresh().toNanos()) {
            return cached.backlog();
        }
        Backlog backlog;
        try {
            backlog = read(new TopicPartition(Topics.DELIVERIES.name(), partition), now + bounds.maxTime().toNanos());
        } catch (RuntimeException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the index still answers: the list shows what it has and says that queued deliveries may be missing
            log.warn("Cannot read the deliverer's backlog of {}-{}; listing without it: {}", Topics.DELIVERIES.name(), partition, e.toString());
            backlog = new Backlog(Map.of(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            backlog = new Backlog(Map.of(), true);
        }
        reads.put(partition, new Read(backlog, nanoTime.getAsLong()));
        return backlog;
    }

    private int partition(String webhookId) {
        if (partitions == 0) {
            partitions = consumer.partitionsFor(Topics.DELIVERIES.name(), MAX_TIME).size();
        }
        return TenantPartitioner.partitionFor(webhookId, partitions); // the default partitioner's formula, as for any key
    }

    private Backlog read(TopicPartition partition, long deadline)
            throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(Map.of(delivererGroup, new ListConsumerGroupOffsetsSpec()
                        .topicPartitions(List.of(partition))), new ListConsumerGroupOffsetsOptions().timeoutMs((int) MAX_TIME.toMillis()))
                .partitionsToOffsetAndMetadata(delivererGroup).get(MAX_TIME.toMillis(), TimeUnit.MILLISECONDS).get(partition);
        consumer.assign(List.of(partition));
        long end = consumer.endOffsets(List.of(partition), MAX_TIME).get(partition); // the last stable offset: read committed
        long begin = consumer.beginningOffsets(List.of(partition), MAX_TIME).get(partition);
        // no commit yet: the group starts from the beginning (auto.offset.reset=earliest), so everything there is queued
        long from = Math.max(committed == null ? begin : committed.offset(), begin);
        boolean cut = end - from > bounds.maxRecords();
        from = cut ? end - bounds.maxRecords() : from;
        consumer.seek(partition, from);
        Map<String, Map<String, QueuedTask>> byWebhook = new HashMap<>();
        while (consumer.position(partition, MAX_TIME) < end) {
            long left = deadline - nanoTime.getAsLong();
            if (left <= 0) {
                cut = true;
                break;
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofNanos(Math.min(left, bounds.maxTime().toNanos())))) {
                if (record.offset() < end) {
                    add(byWebhook, record);
                }
            }
        }
        return new Backlog(byWebhook, cut);
    }

    /** The latest task of each delivery (a re-delivery after its first attempt); an undecodable record is the deliverer's dead letter. */
    private static void add(Map<String, Map<String, QueuedTask>> byWebhook, ConsumerRecord<String, byte[]> record) {
        DeliveryTask task;
        try {
            task = Topics.DELIVERIES.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return;
        }
        if (task == null) {
            return;
        }
        QueuedTask queued = QueuedTask.of(task);
        byWebhook.computeIfAbsent(queued.webhookId(), id -> new HashMap<>())
                .merge(queued.deliveryId(), queued, (earlier, later) -> later.attempt() > earlier.attempt() ? later : earlier);
    }

    @Override
    public synchronized void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        admin.close(Duration.ZERO);
    }
}
