package io.hookline.schemas.topics;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * How every component reaches Kafka: the bootstrap servers ({@code hookline.kafka.bootstrap-servers},
 * from {@code KAFKA_BOOTSTRAP_SERVERS}) plus client properties passed through unchanged
 * ({@code hookline.kafka.properties.*}, e.g. {@code security.protocol} or a registry's settings).
 * The client defaults here are the platform's: durable producers, manual commits, committed reads.
 * {@code hookline.kafka.replication-factor} is the copies of each partition of the topics Hookline
 * creates (0, the default, chooses from the cluster's size: see {@link TopicCreator}).
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> properties, int replicationFactor) {

    public KafkaConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("hookline.kafka.bootstrap-servers is not set");
        }
        if (replicationFactor < 0) {
            throw new IllegalArgumentException("hookline.kafka.replication-factor must be positive, or 0 to choose from the "
                    + "cluster's size, got " + replicationFactor);
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public KafkaConnection(String bootstrapServers, Map<String, String> properties) {
        this(bootstrapServers, properties, 0);
    }

    public KafkaConnection(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    public Map<String, Object> admin() {
        Map<String, Object> props = common();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        props.putAll(properties);
        return props;
    }

    /** An idempotent, acks=all producer whose records may be as large as the catalog allows. */
    public Map<String, Object> producer(String clientId) {
        Map<String, Object> props = common();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
        props.putAll(properties);
        return props;
    }

    /** A consumer that commits by hand and reads only committed records, from the start when new. */
    public Map<String, Object> consumer(String groupId) {
        Map<String, Object> props = common();
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES);
        props.putAll(properties);
        return props;
    }

    private Map<String, Object> common() {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }
}
