package io.hookline.router.routing;

import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.delivery.TaskFactory;
import io.hookline.schemas.states.Trigger;
import io.hookline.schemas.states.ReservedEventTypes;
import io.hookline.schemas.states.WebhookStatus;
import io.hookline.schemas.trace.TraceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Decides whether a webhook gets an event and, if so, writes the self-contained task to deliver it. */
final class DeliveryTasks {

    private final Clock clock;

    DeliveryTasks(Clock clock) {
        this.clock = clock;
    }

    /** Whether a webhook may receive new deliveries at all; others are kept out of the routing store. */
    static boolean routable(Webhook webhook) {
        return webhook.getEnabled() && !WebhookStatus.DELETED.is(webhook.getStatus()) && !WebhookStatus.DISABLED.is(webhook.getStatus());
    }

    /**
     * Whether the webhook gets this event: it subscribes to the type (or to all), and it existed when
     * the event was written, so a webhook created after an event never receives that event, whatever
     * order the two records were processed in.
     */
    static boolean receives(Webhook webhook, IncomingEvent event, Instant writtenAt) {
        List<String> types = webhook.getEvents();
        return (types.contains(event.type()) || types.contains(ReservedEventTypes.ALL)) && !webhook.getCreatedAt().isAfter(writtenAt);
    }

    /**
     * The first attempt of delivering the event to the webhook.
     *
     * @param trace the event's W3C trace context, or null; every attempt of the delivery carries it
     */
    DeliveryTask firstAttempt(IncomingEvent event, Webhook webhook, Instant writtenAt, TraceContext trace) {
        TaskFactory.Event delivered = new TaskFactory.Event(event.id(), event.tenantId(), event.type(), event.timestamp(), event.data());
        Trigger trigger = ReservedEventTypes.TEST.equals(event.type()) ? Trigger.TEST : Trigger.SCHEDULED;
        return TaskFactory.task(delivered, webhook, 1, trigger, writtenAt, clock.instant())
                .setTraceparent(trace == null ? null : trace.traceparent())
                .setTracestate(trace == null ? null : trace.tracestate())
                .build();
    }
}
