package io.hookline.deliverer.state;

import io.hookline.deliverer.delivery.WebhookGate;
import io.hookline.deliverer.log.RetryingProducer;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook state as the deliverer sees it ({@link WebhookView}): a task for a disabled, deleted or
 * unknown webhook is skipped; disabling writes the webhook's current state with {@code enabled=false},
 * status {@code disabled} and the reason to {@code hookline.webhooks}, on the tenant's partition.
 */
public final class KafkaWebhookGate implements WebhookGate {

    private static final Logger log = LoggerFactory.getLogger(KafkaWebhookGate.class);

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
            return CompletableFuture.completedFuture(reason(known));
        }
        // not seen yet: it may have been written just before the task; read up to now, then decide
        return view.caughtUp().thenApply(caughtUp -> {
            Optional<Webhook> state = view.state(task.getWebhookId());
            return state == null ? Optional.of("webhook unknown") : reason(state);
        });
    }

    static Optional<String> reason(Optional<Webhook> state) {
        if (state.isEmpty()) {
            return Optional.of("webhook deleted");
        }
        Webhook webhook = state.get();
        if (!webhook.getEnabled() || "disabled".equals(webhook.getStatus())) {
            return Optional.of(webhook.getDisabledReason() == null ? "webhook disabled"
                    : "webhook disabled: " + webhook.getDisabledReason());
        }
        return Optional.empty();
    }

    @Override
    public CompletionStage<Void> disable(DeliveryTask task, String reason) {
        Optional<Webhook> current = view.state(task.getWebhookId());
        if (current == null || current.isEmpty() || reason(current).isPresent()) {
            return CompletableFuture.completedFuture(null); // unknown, deleted or disabled already
        }
        Webhook disabled = Webhook.newBuilder(current.get())
                .setEnabled(false)
                .setStatus("disabled")
                .setDisabledReason(reason)
                .setUpdatedAt(clock.instant())
                .build();
        view.apply(task.getWebhookId(), disabled);
        log.warn("Disabling webhook {}: {}", task.getWebhookId(), reason);
        String topic = Topics.WEBHOOKS.name();
        int partition = TenantPartitioner.partitionFor(disabled.getTenantId(), Topics.WEBHOOKS.partitions());
        byte[] value = Topics.WEBHOOKS.valueSerde().serializer().serialize(topic, disabled);
        return producer.send(new ProducerRecord<>(topic, partition, task.getWebhookId(), value));
    }
}
