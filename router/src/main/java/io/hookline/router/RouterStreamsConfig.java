package io.hookline.router;

import io.hookline.router.errors.DeadLetterDeserializationHandler;
import io.hookline.router.errors.DeadLetterProcessingHandler;
import io.hookline.router.errors.DeadLetterProductionHandler;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Replication;
import io.hookline.schemas.topics.Topics;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the router, from the platform's connection and the router's settings. */
final class RouterStreamsConfig {

    private RouterStreamsConfig() {
    }

    static Properties of(KafkaConnection connection, RouterProperties settings) {
        return of(connection, settings, connection.replicationFactor() > 0 ? Replication.of(connection.replicationFactor()) : null);
    }

    /** @param replication of the store changelogs, as the catalog's topics have it; null for the broker's default */
    static Properties of(KafkaConnection connection, RouterProperties settings, Replication replication) {
        Objects.requireNonNull(settings.stateDir(), "stateDir");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.numStreamThreads());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        // hookline.webhooks is written in transactions by its owning gateway (gateway webhook package):
        // under at_least_once Streams would read it uncommitted and could route by a snapshot whose
        // transaction was aborted. Under exactly_once_v2 Streams reads committed anyway.
        if (StreamsConfig.AT_LEAST_ONCE.equals(settings.processingGuarantee())) {
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        }
        // 0 (not -1): a task whose other input has data already on the broker fetches it before going on,
        // so events and webhook changes are processed in timestamp order. That is what makes a webhook
        // created just before an event receive it, and one created after the event not receive it
        // (the router also checks createdAt). We do not wait for data that is not yet on the broker:
        // that would add latency to every event for producers that may never write.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
        // The store changelogs are replicated as the catalog's topics are, so a broker loss loses no router state.
        if (replication != null) {
            props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication.factor());
            props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), replication.minInSyncReplicas());
        } else {
            props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        }
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        // One event fans out to many deliveries carrying the same data; they sit in the same batches and
        // compress well (≈ ×2.4 throughput measured with lz4, research/anchors-kafka.md §2.2).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Streams' own default is 100 ms, which every delivery would wait before the deliverer sees it.
        // 1 ms: a fan-out still leaves in few requests (its records are produced in one go), and under a
        // steady load batches form while requests are in flight. Measured in DeliveryBench at 1,000
        // events/s: the router's share of the latency fell from ~10 ms p50 (at 5 ms) to ~4 ms.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 1);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.MAX_MESSAGE_BYTES);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), Topics.MAX_MESSAGE_BYTES);
        props.put(StreamsConfig.topicPrefix("max.message.bytes"), Integer.toString(Topics.MAX_MESSAGE_BYTES));
        // Connection settings (security.protocol, SASL…) apply to every client Streams creates; like
        // KafkaConnection's own client maps, they come last so an operator can override the above.
        props.putAll(connection.properties());
        return props;
    }
}
