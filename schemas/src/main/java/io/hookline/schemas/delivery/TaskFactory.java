package io.hookline.schemas.delivery;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SigningSecrets;
import io.hookline.schemas.states.Ordering;
import io.hookline.schemas.states.Trigger;
import java.time.Instant;

/**
 * The one place a {@link DeliveryTask} is made, for every trigger: the router's first attempts, the gateway's
 * test sends and re-deliveries (API and {@code hookline replay}). The webhook's settings (URL, secrets valid at
 * one instant, plaintext-secret flag, retry policy, rate limit, ordering, custom headers) are copied the same way
 * for all of them; an unset ordering is {@code concurrent}, an unknown one (a newer writer's) passes unchanged.
 * A caller adds only what is its own: the router the trace context, a test send its no-retry policy, a
 * re-delivery the logged delivery id.
 */
public final class TaskFactory {

    private TaskFactory() {
    }

    /** The event a task delivers, as its body carries it. */
    public record Event(String id, String tenantId, String type, Instant timestamp, String data) {
    }

    /**
     * @param attempt   the 1-based number of the attempt the task makes
     * @param secretsAt the instant whose valid secrets sign it (the router: when the event was written)
     * @param now       when the task is made
     */
    public static DeliveryTask.Builder task(Event event, Webhook webhook, int attempt, Trigger trigger, Instant secretsAt, Instant now) {
        return DeliveryTask.newBuilder()
                .setDeliveryId(Ids.deliveryId(event.id(), webhook.getId()))
                .setWebhookId(webhook.getId())
                .setTenantId(event.tenantId())
                .setEventId(event.id())
                .setEventType(event.type())
                .setEventTimestamp(event.timestamp())
                .setData(event.data())
                .setUrl(webhook.getUrl())
                .setSecrets(SigningSecrets.validAt(webhook, secretsAt))
                .setSendPlaintextSecret(webhook.getSendPlaintextSecret())
                .setRetryPolicy(webhook.getRetryPolicy())
                .setRateLimitPerSecond(webhook.getRateLimitPerSecond())
                .setOrdering(webhook.getOrdering() == null ? Ordering.CONCURRENT.symbol() : webhook.getOrdering())
                .setHeaders(webhook.getHeaders())
                .setAttempt(attempt)
                .setTrigger(trigger.symbol())
                .setCreatedAt(now);
    }
}
