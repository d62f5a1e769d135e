package io.hookline.router.routing;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SigningSecrets;
import io.hookline.schemas.trace.TraceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Decides whether a webhook gets an event and, if so, writes the self-contained task to deliver it. */
final class DeliveryTasks {

    /** The subscription to every event type, including types registered later. */
    static final String ALL_EVENTS = "*";

    /** The event type of verification and test sends; its deliveries are triggered as {@code test}. */
    static final String TEST_EVENT_TYPE = "webhook.test";

    private final Clock clock;

    DeliveryTasks(Clock clock) {
        this.clock = clock;
    }

    /** Whether a webhook may receive new deliveries at all; others are kept out of the routing store. */
    static boolean routable(Webhook webhook) {
        return webhook.getEnabled() && !"deleted".equals(webhook.getStatus()) && !"disabled".equals(webhook.getStatus());
    }

    /**
     * Whether the webhook gets this event: it subscribes to the type (or to all), and it existed when
     * the event was written, so a webhook created after an event never receives that event, whatever
     * order the two records were processed in.
     */
    static boolean receives(Webhook webhook, IncomingEvent event, Instant writtenAt) {
        List<String> types = webhook.getEvents();
        return (types.contains(event.type()) || types.contains(ALL_EVENTS)) && !webhook.getCreatedAt().isAfter(writtenAt);
    }

    /**
     * The first attempt of delivering the event to the webhook.
     *
     * @param trace the event's W3C trace context, or null; every attempt of the delivery carries it
     */
    DeliveryTask firstAttempt(IncomingEvent event, String webhookId, Webhook webhook, Instant writtenAt, TraceContext trace) {
        return DeliveryTask.newBuilder()
                .setDeliveryId(Ids.deliveryId(event.id(), webhookId))
                .setWebhookId(webhookId)
                .setTenantId(event.tenantId())
                .setEventId(event.id())
                .setEventType(event.type())
                .setEventTimestamp(event.timestamp())
                .setData(event.data())
                .setUrl(webhook.getUrl())
                .setSecrets(SigningSecrets.validAt(webhook, writtenAt))
                .setSendPlaintextSecret(webhook.getSendPlaintextSecret())
                .setRetryPolicy(webhook.getRetryPolicy())
                .setRateLimitPerSecond(webhook.getRateLimitPerSecond())
                .setOrdering(webhook.getOrdering() == null ? "concurrent" : webhook.getOrdering())
                .setHeaders(webhook.getHeaders())
                .setAttempt(1)
                .setTrigger(TEST_EVENT_TYPE.equals(event.type()) ? "test" : "scheduled")
                .setCreatedAt(clock.instant())
                .setTraceparent(trace == null ? null : trace.traceparent())
                .setTracestate(trace == null ? null : trace.tracestate())
                .build();
    }
}
