package io.hookline.deliverer.state;

import io.hookline.deliverer.delivery.WebhookGate;
import io.hookline.deliverer.log.RetryingProducer;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.TriggerSymbol;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookAction;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.states.Trigger;
import io.hookline.schemas.states.WebhookStatus;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook state as the deliverer sees it ({@link WebhookView}): a task for a disabled, deleted or
 * unknown webhook is skipped, and so is one for a webhook that is not verified yet (or whose
 * verification failed), except the test deliveries that verify it: the seed's "once verified, webhook
 * is Active". Disabling stops sending at once and asks the gateway, the one writer of
 * {@code hookline.webhooks}, to disable the webhook with the reason ({@code hookline.webhook-commands});
 * the gateway applies it to the webhook as it is then, so a rotation or an edit made meanwhile stays.
 */
public final class KafkaWebhookGate implements WebhookGate {

    private static final Logger log = LoggerFactory.getLogger(KafkaWebhookGate.class);
    static final Optional<String> NOT_VERIFIED = Optional.of("not verified");

    static {
        // Avro's copy builders check classes against a trust list that the catalog's serdes extend
        Topics.WEBHOOKS.name();
    }

    private final WebhookView view;
    private final RetryingProducer producer;
    private final Clock clock;

    public KafkaWebhookGate(WebhookView view, RetryingProducer producer, Clock clock) {
        this.view = view;
        this.producer = producer;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Optional<String>> skipReason(DeliveryTask task) {
        Optional<Webhook> known = view.state(task.getWebhookId());
        if (known != null) {
            Optional<String> reason = reason(known, task.getTrigger());
            if (!reason.equals(NOT_VERIFIED)) {
                return CompletableFuture.completedFuture(reason);
            }
        }
        // not seen yet (it may have been written just before the task), or seen unverified (its
        // verification may have succeeded just before the event): read up to now, then decide
        return view.caughtUp().thenApply(caughtUp -> {
            Optional<Webhook> state = view.state(task.getWebhookId());
            return state == null ? Optional.of("webhook unknown") : reason(state, task.getTrigger());
        });
    }

    static Optional<String> reason(Optional<Webhook> state, TriggerSymbol trigger) {
        if (state.isEmpty()) {
            return Optional.of("webhook deleted");
        }
        Webhook webhook = state.get();
        if (disabled(webhook)) {
            return Optional.of(webhook.getDisabledReason() == null ? "webhook disabled"
                    : "webhook disabled: " + webhook.getDisabledReason());
        }
        boolean verified = !WebhookStatus.PENDING_VERIFICATION.is(webhook.getStatus()) && !WebhookStatus.VERIFICATION_FAILED.is(webhook.getStatus());
        return verified || Trigger.TEST.is(trigger) ? Optional.empty() : NOT_VERIFIED;
    }

    private static boolean disabled(Webhook webhook) {
        return !webhook.getEnabled() || WebhookStatus.DISABLED.is(webhook.getStatus());
    }

    @Override
    public CompletionStage<Void> disable(DeliveryTask task, String reason) {
        Optional<Webhook> current = view.state(task.getWebhookId());
        if (current == null || current.isEmpty() || disabled(current.get())) {
            return CompletableFuture.completedFuture(null); // unknown, deleted or disabled already
        }
        // stop sending at once; the gateway, the one writer of hookline.webhooks, records the change
        view.apply(task.getWebhookId(), Webhook.newBuilder(current.get())
                .setEnabled(false)
                .setStatus(WebhookStatus.DISABLED.symbol())
                .setDisabledReason(reason)
                .setUpdatedAt(clock.instant())
                .build());
        log.warn("Disabling webhook {}: {}", task.getWebhookId(), reason);
        WebhookCommand command = WebhookCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setWebhookId(task.getWebhookId())
                .setTenantId(current.get().getTenantId())
                .setAction(WebhookAction.DISABLE)
                .setReason(reason)
                .setIssuedBy("deliverer")
                .setIssuedAt(clock.instant())
                .build();
        String topic = Topics.WEBHOOK_COMMANDS.name();
        int partition = TenantPartitioner.partitionFor(command.getTenantId(), Topics.WEBHOOK_COMMANDS.partitions());
        byte[] value = Topics.WEBHOOK_COMMANDS.valueSerde().serializer().serialize(topic, command);
        return producer.send(new ProducerRecord<>(topic, partition, task.getWebhookId(), value));
    }
}
