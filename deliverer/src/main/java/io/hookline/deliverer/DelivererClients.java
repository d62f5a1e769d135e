package io.hookline.deliverer;

import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.TopicCreator;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The deliverer's Kafka clients, one kind per role, each with its consumer group named after
 * {@code hookline.delivery.consumer-group}. A factory rather than the clients themselves: a Kafka client
 * cannot be reopened, and the lifecycle makes fresh ones on each start.
 */
final class DelivererClients {

    static final String CLIENT_ID = "hookline-deliverer";
    /** Suffixes of the deliverer's groups: each loop commits its own offsets. */
    static final String RETRIES_GROUP = "-retries";
    static final String LATER_RETRIES_GROUP = "-retries-later";
    static final String WEBHOOKS_GROUP = "-webhooks";

    private final KafkaConnection kafka;
    private final String group;

    DelivererClients(KafkaConnection kafka, String group) {
        this.kafka = kafka;
        this.group = group;
    }

    /** The catalog's topics, before any client of the deliverer reads or writes one (see {@link TopicCreator}). */
    void ensureTopics() {
        try (Admin admin = Admin.create(kafka.admin())) {
            TopicCreator.ensureTopics(admin, kafka.replicationFactor());
        }
    }

    /**
     * Batching of the deliverer's writes, unless {@code hookline.kafka.properties.*} sets them. No endpoint's slot
     * waits for an attempt's record (only its offset's commit does), so the records of many attempts can share a
     * request: each produce request cost the broker and the clients ~600 µs of CPU in DeliveryBench, and the
     * attempts were half of its produce requests at 2 ms. What does wait on these writes (a FIFO delivery held behind
     * its retry, a circuit, a disabled webhook) waits at most this much longer.
     */
    static final Map<String, Object> BATCHING = Map.of(ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);

    /** Every record the deliverer writes: attempts, retries, dead letters, circuits, webhook changes. */
    KafkaProducer<String, byte[]> producer() {
        Map<String, Object> props = kafka.producer(CLIENT_ID);
        BATCHING.forEach((key, value) -> {
            if (!kafka.properties().containsKey(key)) {
                props.put(key, value);
            }
        });
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** {@code hookline.deliveries}, in the deliverer's group. */
    Consumer<String, byte[]> deliveries() {
        return consumer(kafka.consumer(group));
    }

    Consumer<String, byte[]> retries() {
        return consumer(kafka.consumer(group + RETRIES_GROUP));
    }

    Consumer<String, byte[]> laterRetries() {
        return consumer(kafka.consumer(group + LATER_RETRIES_GROUP));
    }

    Consumer<String, byte[]> webhooks() {
        return consumer(kafka.consumer(group + WEBHOOKS_GROUP));
    }

    /** No group: the delivery log is read back by partition when a partition is taken. */
    Consumer<String, byte[]> history() {
        return consumer(kafka.consumer(null));
    }

    private static Consumer<String, byte[]> consumer(Map<String, Object> properties) {
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
