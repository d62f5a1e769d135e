package io.hookline.gateway.owner;

import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what one command did, in one Kafka transaction: the record's new state (or its tombstone), the
 * outcome for the side that asked, and the command's offset in the owners' consumer group. So a command is
 * applied exactly once, also by a new owner after a crash (readers are read_committed), and a stale owner is
 * fenced by the group's generation (KIP-447). A failed transaction is aborted; a producer that cannot recover
 * (fenced, timed out) is replaced.
 */
final class OwnerTransactions<C, S, O> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OwnerTransactions.class);
    /** A killed owner's open transaction holds the partition's readers (and the next owner) this long at most. */
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

    private final OwnedKind<C, S, O> kind;
    private final Map<String, Object> props;
    private final Duration timeout;
    private KafkaProducer<String, byte[]> producer;

    OwnerTransactions(OwnedKind<C, S, O> kind, KafkaConnection connection, String clientId, Duration timeout) {
        this.kind = kind;
        this.props = new HashMap<>(connection.producer(clientId));
        // a new id per process: zombie owners are fenced by the consumer group's generation (KIP-447), not by the id
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, clientId + "-" + UUID.randomUUID());
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0); // one record at a time, each waited for: a linger only adds to every change
        this.timeout = timeout;
    }

    /** Writes the decision's state, its outcome and the command's offset, atomically; throws when it could not (nothing written). */
    void commit(KafkaConsumer<String, byte[]> consumer, ConsumerRecord<String, byte[]> record, C command, Decision<S> decision) {
        KafkaProducer<String, byte[]> p = producer();
        try {
            p.beginTransaction();
            int partition = record.partition();
            long offset = -1;
            if (decision instanceof Decision.Written<S> written) {
                Future<RecordMetadata> last = null;
                for (S state : kind.records(command, written)) { // one partition: written in this order
                    last = p.send(record(kind.states(), partition, kind.key(command), state));
                }
                // waited for: the outcome carries the offset, for the requester's view to wait on
                offset = last == null ? -1 : last.get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
            }
            // not waited for: the commit flushes it, and fails if it (or any send of the transaction) failed
            p.send(record(kind.outcomes(), partition, kind.commandId(command), kind.outcome(command, decision, partition, offset)));
            p.sendOffsetsToTransaction(Map.of(new TopicPartition(record.topic(), partition), new OffsetAndMetadata(record.offset() + 1)),
                    consumer.groupMetadata());
            p.commitTransaction();
        } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
            abort(p);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof RuntimeException r ? r : new KafkaException(kind.name() + " command transaction failed", e);
        }
    }

    private static <V> ProducerRecord<String, byte[]> record(Topic<String, V> topic, int partition, String key, V value) {
        byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        return new ProducerRecord<>(topic.name(), partition, key, bytes);
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            KafkaProducer<String, byte[]> created = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    private void abort(KafkaProducer<String, byte[]> p) {
        try {
            p.abortTransaction();
        } catch (RuntimeException e) {
            log.warn("Replacing the {} commands' producer: {}", kind.name(), e.toString());
            p.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
