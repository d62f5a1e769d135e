package io.hookline.gateway.webhook;

import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.avro.WebhookOutcome;
import io.hookline.schemas.avro.WebhookOutcomeResult;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topic;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what one command did, in one Kafka transaction: the webhook's new state (for a deletion its
 * {@code deleted} state and a tombstone), the outcome for the gateway that asked, and the command's offset
 * in the consumer group. So a command is applied exactly once, even by a new owner after a crash: either
 * all of it is there or none of it (readers are read_committed), and a stale owner is fenced by the group's
 * generation. A transaction that fails is aborted, and after an error the producer cannot recover from
 * (fenced, timed out) it is replaced.
 */
final class CommandTransactions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandTransactions.class);
    /** A killed owner's open transaction holds the partition's readers (and the next owner) this long at most. */
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> props;
    private final Duration timeout;
    private KafkaProducer<String, byte[]> producer;

    CommandTransactions(KafkaConnection connection, Duration timeout) {
        this.props = new HashMap<>(connection.producer("hookline-gateway-webhook-commands"));
        // a new id per process: zombie owners are fenced by the consumer group's generation (KIP-447), not by the id
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "hookline-gateway-webhook-commands-" + UUID.randomUUID());
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0); // one record at a time, each waited for: a linger only adds to every change
        this.timeout = timeout;
    }

    /** Writes the command's result, its outcome and its offset, atomically; throws when it could not (nothing written). */
    void commit(KafkaConsumer<String, byte[]> consumer, ConsumerRecord<String, byte[]> record, WebhookCommand command, Applied applied) {
        KafkaProducer<String, byte[]> p = producer();
        try {
            p.beginTransaction();
            int partition = TenantPartitioner.partitionFor(command.getTenantId(), Topics.WEBHOOKS.partitions());
            long offset = -1;
            WebhookOutcome.Builder outcome = WebhookOutcome.newBuilder().setCommandId(command.getCommandId())
                    .setWebhookId(command.getWebhookId()).setTenantId(command.getTenantId()).setPartition(partition).setOffset(-1);
            if (applied instanceof Applied.Written written) {
                if (written.after() != null) {
                    offset = send(p, Topics.WEBHOOKS, partition, command.getWebhookId(), written.after());
                } else {
                    Webhook deleted = Webhook.newBuilder(written.before()).setStatus(Webhooks.DELETED).setEnabled(false)
                            .setUpdatedAt(command.getIssuedAt()).build();
                    p.send(record(Topics.WEBHOOKS, partition, command.getWebhookId(), deleted)); // before the tombstone: same partition
                    offset = send(p, Topics.WEBHOOKS, partition, command.getWebhookId(), null);
                }
                outcome.setResult(WebhookOutcomeResult.APPLIED).setBefore(written.before()).setAfter(written.after()).setOffset(offset);
            } else if (applied instanceof Applied.Unchanged unchanged) {
                outcome.setResult(WebhookOutcomeResult.UNCHANGED).setBefore(unchanged.current()).setAfter(unchanged.current());
            } else if (applied instanceof Applied.Refused refused) {
                outcome.setResult(refused.result()).setMessage(refused.message());
            }
            // not waited for: the commit flushes it, and fails if it (or any send of the transaction) failed
            p.send(record(Topics.WEBHOOK_OUTCOMES, record.partition(), command.getCommandId(), outcome.build()));
            p.sendOffsetsToTransaction(Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1)),
                    consumer.groupMetadata());
            p.commitTransaction();
        } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
            abort(p);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof RuntimeException r ? r : new KafkaException("webhook command transaction failed", e);
        }
    }

    /** Sends and waits for the record's offset (the outcome carries the snapshot's, for the requester's view to wait on). */
    private <V> long send(KafkaProducer<String, byte[]> p, Topic<String, V> topic, int partition, String key, V value)
            throws InterruptedException, ExecutionException, TimeoutException {
        return p.send(record(topic, partition, key, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
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

    /** Aborts the transaction; a producer that cannot abort (fenced, or in an error state) is dropped for a new one. */
    private void abort(KafkaProducer<String, byte[]> p) {
        try {
            p.abortTransaction();
        } catch (RuntimeException e) {
            log.warn("Replacing the webhook commands' producer: {}", e.toString());
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
