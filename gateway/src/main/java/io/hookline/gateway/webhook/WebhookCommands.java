package io.hookline.gateway.webhook;

import io.hookline.schemas.audit.Actor;
import io.hookline.gateway.kafka.GatewayAdmin;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookAction;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The owner's side of webhook commands: the gateways share {@code hookline.webhook-commands} as one
 * consumer group, so each partition has one owner, and that owner is the one writer of the same
 * partition of {@code hookline.webhooks} (both are partitioned by tenant). It applies the partition's
 * commands one at a time, in order, to the webhooks as it holds them ({@link OwnedPartition}), and
 * writes each result, the outcome and the command's offset in one transaction ({@link CommandTransactions}).
 * A command that cannot be applied now (Kafka unavailable) is tried again, in order; one that cannot be
 * read goes to {@code hookline.webhook-commands.dlq} with the reason.
 */
final class WebhookCommands implements SmartLifecycle {

    static final String GROUP = "hookline-gateway-webhook-commands";
    private static final Logger log = LoggerFactory.getLogger(WebhookCommands.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final KafkaConnection connection;
    private final Map<String, Object> consumerProps;
    private final TopicView<Webhook> view;
    private final GatewayAdmin admin;
    private final GatewayPublisher publisher;
    private final Duration applyTimeout;
    private final WebhookAudit audit;
    private final int phase;
    /** The partitions this instance owns now, by partition number; touched on the consumer's thread only. */
    private final Map<Integer, OwnedPartition> owned = new HashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    WebhookCommands(KafkaConnection connection, TopicView<Webhook> view, GatewayAdmin admin, GatewayPublisher publisher, Duration applyTimeout,
            int phase, WebhookAudit audit) {
        this.connection = connection;
        this.consumerProps = new HashMap<>(WebhookOutcomes.promptFetches(connection).consumer(GROUP));
        this.consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP);
        this.consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.view = view;
        this.admin = admin;
        this.publisher = publisher;
        this.applyTimeout = applyTimeout;
        this.audit = audit;
        this.phase = phase;
        if (Topics.WEBHOOK_COMMANDS.partitions() != Topics.WEBHOOKS.partitions()) {
            throw new IllegalStateException("commands and webhooks must have as many partitions: partition p of one is owned with p of the other");
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "hookline-gateway-webhook-commands");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
                CommandTransactions transactions = new CommandTransactions(connection, applyTimeout)) {
            consumer = c;
            c.subscribe(List.of(Topics.WEBHOOK_COMMANDS.name()), new Ownership());
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(POLL);
                boolean failed = false;
                for (TopicPartition partition : records.partitions()) {
                    OwnedPartition state = owned.get(partition.partition());
                    List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
                    if (state == null) {
                        continue; // revoked meanwhile: the next owner reads them from the committed offset
                    }
                    if (!state.caughtUp(admin, view, applyTimeout)) {
                        c.seek(partition, batch.get(0).offset());
                        failed = true;
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> record : batch) {
                        if (!apply(c, transactions, state, record)) {
                            c.seek(partition, record.offset()); // again, in order, after a pause
                            failed = true;
                            break;
                        }
                    }
                }
                if (failed) {
                    Thread.sleep(RETRY.toMillis()); // a back-off while Kafka is unavailable, not a synchronization
                }
            }
        } catch (WakeupException | InterruptedException e) {
            if (running) {
                log.error("The webhook commands' consumer stopped unexpectedly", e);
            }
        } catch (RuntimeException e) {
            log.error("The webhook commands' consumer stopped on an error", e);
        }
    }

    /** Whether the record is done with (applied, or dead-lettered); false to try it again later. */
    private boolean apply(KafkaConsumer<String, byte[]> c, CommandTransactions transactions, OwnedPartition state,
            ConsumerRecord<String, byte[]> record) {
        WebhookCommand command;
        try {
            command = Topics.WEBHOOK_COMMANDS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (command == null) {
                throw new IllegalArgumentException("empty record");
            }
        } catch (RuntimeException e) {
            return deadLetter(c, record, "not a webhook command: " + e.getMessage());
        }
        if (TenantPartitioner.partitionFor(command.getTenantId(), Topics.WEBHOOK_COMMANDS.partitions()) != record.partition()) {
            // applying it would write a partition of hookline.webhooks another instance may own
            return deadLetter(c, record, "not on its tenant's partition " + command.getTenantId());
        }
        Applied applied;
        try {
            applied = Applied.of(command, state.current(command.getWebhookId(), view));
        } catch (RuntimeException e) { // a command this build cannot apply (fields missing): never blocks the partition
            return deadLetter(c, record, "cannot apply " + command.getAction() + ": " + e);
        }
        try {
            transactions.commit(c, record, command, applied);
        } catch (RuntimeException e) {
            log.warn("Could not apply {} to webhook {} now, trying again: {}", command.getAction(), command.getWebhookId(), e.toString());
            return false;
        }
        if (applied instanceof Applied.Written written) {
            state.wrote(command.getWebhookId(), written.after());
            if (command.getAction() == WebhookAction.DISABLE) {
                audit(command, new Webhooks.Change(written.before(), written.after(), true));
            }
        }
        log.info("Webhook {}: {} asked by {}{}: {}", command.getWebhookId(), command.getAction(), command.getIssuedBy(),
                command.getReason() == null ? "" : " (" + command.getReason() + ")", applied.getClass().getSimpleName());
        return true;
    }

    /**
     * Writes the audit entry of a component's change (the deliverer's disable; the API's are written by
     * the gateway that was asked), trying again while Kafka refuses it: the change is applied, and a repeat
     * of the command would find nothing to do, so the entry must not be left to one. Only a stop ends the
     * trying, and then the entry is logged at ERROR (as the API's AuditLog does).
     */
    private void audit(WebhookCommand command, Webhooks.Change change) {
        Actor actor = Actor.system(command.getIssuedBy(), command.getCommandId(), command.getReason());
        while (true) {
            try {
                audit.changed(actor, AuditAction.DISABLE, change).block(applyTimeout);
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    log.error("AUDIT ENTRY NOT WRITTEN for {} of webhook {} by {} ({}): stopping", command.getAction(), command.getWebhookId(),
                            command.getIssuedBy(), command.getReason(), e);
                    return;
                }
                log.warn("Could not write the audit entry of {} to webhook {} now, trying again: {}", command.getAction(),
                        command.getWebhookId(), e.toString());
                try {
                    Thread.sleep(RETRY.toMillis()); // a back-off while Kafka is unavailable, not a synchronization
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean deadLetter(KafkaConsumer<String, byte[]> c, ConsumerRecord<String, byte[]> record, String reason) {
        try {
            publisher.deadLetter(Topics.WEBHOOK_COMMANDS_DLQ, record.key(), record.value(), reason).block(applyTimeout);
            log.error("Webhook command {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
                    Topics.WEBHOOK_COMMANDS_DLQ.name(), reason);
            c.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1)),
                    applyTimeout);
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not dead-letter webhook command {}-{}@{} now, trying again: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
            return false;
        }
    }

    /** Keeps {@link #owned} to the consumer's assignment: a partition taken anew starts from the topic's state again. */
    private final class Ownership implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> owned.put(p.partition(), new OwnedPartition(p.partition())));
            log.info("Applying the webhook commands of partitions {}", partitions.stream().map(TopicPartition::partition).sorted().toList());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> owned.remove(p.partition()));
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }

}
