package io.hookline.gateway.deliverylog;

import io.hookline.schemas.avro.DeliveryTask;
import java.time.Instant;

/**
 * A task read from {@code hookline.deliveries} after the deliverer group's committed offset: what the
 * log needs of it to show its delivery as queued (not its data or secrets, which a cached backlog
 * would otherwise hold in memory for every webhook of the partition).
 *
 * @param routedAt when the task was written ({@code createdAt}): its place in the list while it has no attempt
 */
record QueuedTask(String deliveryId, String webhookId, String tenantId, String eventId, String eventType, int attempt,
        String trigger, Instant routedAt, String url) {

    /** The trigger of a task that comes back from the retry topic after a recorded attempt: that attempt's row says it. */
    static final String RETRY = "retry";

    static QueuedTask of(DeliveryTask task) {
        return new QueuedTask(task.getDeliveryId(), task.getWebhookId(), task.getTenantId(), task.getEventId(), task.getEventType(),
                task.getAttempt(), task.getTrigger().name(), task.getCreatedAt(), task.getUrl());
    }
}
