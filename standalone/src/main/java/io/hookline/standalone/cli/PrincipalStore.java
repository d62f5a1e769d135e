package io.hookline.standalone.cli;

import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.TopicCreator;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The users on {@code hookline.principals}, read and written straight from the CLI: the whole
 * compacted topic is read up to its end offsets (latest value per user wins, as in the gateway's
 * view), and a new principal is written with the platform's producer settings (acks=all).
 */
final class PrincipalStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConnection connection;

    PrincipalStore(String bootstrapServers) {
        this.connection = new KafkaConnection(bootstrapServers);
    }

    /** Every current user (revoked ones included). */
    List<Principal> all() {
        try (Admin admin = Admin.create(connection.admin())) {
            // A CLI run against a fresh cluster must not auto-create the topic with the wrong settings.
            TopicCreator.ensureTopics(admin, connection.replicationFactor(), TIMEOUT);
        }
        Map<String, Object> props = connection.consumer(null);
        props.put("client.id", "hookline-cli-principals");
        props.put("allow.auto.create.topics", false);
        try (KafkaConsumer<String, Principal> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.PRINCIPALS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PRINCIPALS.name(), TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            Map<String, Principal> latest = new HashMap<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new CliException("could not read " + Topics.PRINCIPALS.name() + " to its end within " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, Principal> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), record.value());
                    }
                }
            }
            return new ArrayList<>(latest.values());
        }
    }

    /** Writes the principal and returns once the cluster acknowledged it. */
    void write(Principal principal) {
        Map<String, Object> props = connection.producer("hookline-cli");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            byte[] value = Topics.PRINCIPALS.valueSerde().serializer().serialize(Topics.PRINCIPALS.name(), principal);
            producer.send(new ProducerRecord<>(Topics.PRINCIPALS.name(), principal.getUserId(), value))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while writing the user");
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException("Kafka did not take the new user: " + (e.getCause() == null ? e : e.getCause()).getMessage());
        }
    }
}
