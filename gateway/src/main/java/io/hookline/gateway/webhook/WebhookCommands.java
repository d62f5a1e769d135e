package io.hookline.gateway.webhook;

import io.hookline.schemas.audit.Actor;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
 * Applies the changes other components ask of webhooks ({@code hookline.webhook-commands}: the
 * deliverer's disable on 410 Gone or repeated failures) to their current state, through the same
 * {@link Webhooks} as the API, so that no change undoes another. The gateways share the commands as
 * one consumer group, so each is applied by one of them; its offset is committed once applied, and a
 * command that cannot be applied now (Kafka unavailable) is tried again, in order. A command that
 * cannot be read goes to {@code hookline.webhook-commands.dlq} with the reason.
 */
final class WebhookCommands implements SmartLifecycle {

    static final String GROUP = "hookline-gateway-webhook-commands";
    private static final Logger log = LoggerFactory.getLogger(WebhookCommands.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Map<String, Object> consumerProps;
    private final Webhooks webhooks;
    private final GatewayPublisher publisher;
    private final Duration applyTimeout;
    private final WebhookAudit audit;
    private final int phase;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    WebhookCommands(KafkaConnection connection, Webhooks webhooks, GatewayPublisher publisher, Duration applyTimeout, int phase,
            WebhookAudit audit) {
        this.consumerProps = new HashMap<>(connection.consumer(GROUP));
        this.consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP);
        this.consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.webhooks = webhooks;
        this.publisher = publisher;
        this.applyTimeout = applyTimeout;
        this.audit = audit;
        this.phase = phase;
    }

    /** What a command does to the webhook as it is now; the same webhook when there is nothing to do. */
    static Webhook applied(Webhook current, WebhookCommand command) {
        return switch (command.getAction()) {
            case DISABLE -> !current.getEnabled() || Webhooks.DISABLED.equals(current.getStatus()) ? current
                    : Webhook.newBuilder(current)
                            .setEnabled(false)
                            .setStatus(Webhooks.DISABLED)
                            .setDisabledReason(command.getReason())
                            .setUpdatedAt(command.getIssuedAt())
                            .build();
        };
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "hookline-gateway-webhook-commands");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            c.subscribe(List.of(Topics.WEBHOOK_COMMANDS.name()));
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(POLL);
                boolean failed = false;
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                        if (!apply(record)) {
                            c.seek(partition, record.offset()); // again, in order, after a pause
                            failed = true;
                            break;
                        }
                        c.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
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
    private boolean apply(ConsumerRecord<String, byte[]> record) {
        WebhookCommand command;
        try {
            command = Topics.WEBHOOK_COMMANDS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (command == null) {
                throw new IllegalArgumentException("empty record");
            }
        } catch (RuntimeException e) {
            return deadLetter(record, "not a webhook command: " + e.getMessage());
        }
        try {
            Webhooks.Change change = webhooks.change(command.getTenantId(), command.getWebhookId(), current -> applied(current, command))
                    .block(applyTimeout);
            log.info("Webhook {}: {} asked by {} ({}), now {}", command.getWebhookId(), command.getAction(), command.getIssuedBy(),
                    command.getReason(), change == null || !change.changed() ? "unchanged" : change.after().getStatus());
            if (change != null && change.changed()) {
                audit(command, change);
            }
            return true;
        } catch (ApiException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                log.info("Webhook {} is gone; {} asked by {} has nothing to do", command.getWebhookId(), command.getAction(), command.getIssuedBy());
                return true;
            }
            return deadLetter(record, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Could not apply {} to webhook {} now, trying again: {}", command.getAction(), command.getWebhookId(), e.toString());
            return false;
        }
    }

    /**
     * Writes the change's audit entry, trying again while Kafka refuses it: the change is applied, and a
     * repeat of the command would find nothing to do, so the entry must not be left to one. Only a stop
     * ends the trying, and then the entry is logged at ERROR (as the API's AuditLog does).
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

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        try {
            publisher.deadLetter(Topics.WEBHOOK_COMMANDS_DLQ, record.key(), record.value(), reason).block(applyTimeout);
            log.error("Webhook command {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
                    Topics.WEBHOOK_COMMANDS_DLQ.name(), reason);
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not dead-letter webhook command {}-{}@{} now, trying again: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
            return false;
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
                thread.join(Duration.ofSeconds(10).toMillis());
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
