package io.hookline.schemas;

import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.delivery.DeliveryBody;
import io.hookline.schemas.delivery.TaskFactory;
import io.hookline.schemas.states.Trigger;
import java.time.Instant;
import java.util.Map;

/**
 * How a logged delivery is delivered again (the API's redeliver and recover, {@code hookline replay}):
 * a new task with the same delivery id, trigger {@code manual}, the next attempt number, the event as
 * it was sent (read back from the logged body by {@link DeliveryBody}), and the webhook's current URL,
 * secrets, custom headers and settings.
 */
public final class Redelivery {

    private Redelivery() {
    }

    /**
     * @param last the delivery's latest attempt: its body carries the event, its number the count so far
     * @throws IllegalArgumentException when the logged body is not a Hookline delivery body
     */
    public static DeliveryTask task(DeliveryAttempt last, Webhook webhook, Instant now) {
        String body = last.getRequestBody();
        TaskFactory.Event event = new TaskFactory.Event(last.getEventId(), webhook.getTenantId(), last.getEventType(),
                DeliveryBody.timestamp(body), DeliveryBody.data(body));
        return TaskFactory.task(event, webhook, last.getAttempt() + 1, Trigger.MANUAL, now, now)
                .setDeliveryId(last.getDeliveryId())
                .build();
    }

    /** What the audit log records of a queued re-delivery (its {@code after}), whoever queued it. */
    public static Map<String, Object> audited(DeliveryTask task) {
        return Map.of("deliveryId", task.getDeliveryId(), "attempt", task.getAttempt());
    }
}
