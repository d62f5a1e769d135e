package io.hookline.gateway.webhook;

import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.schemas.Ids;
import io.hookline.schemas.delivery.TaskFactory;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.states.Trigger;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Sends one test delivery (trigger {@code test}) to one webhook: a {@link DeliveryTask} written straight
 * to {@code hookline.deliveries}, so it is signed, sent and logged like any other delivery but reaches
 * only this webhook (an event would reach every {@code *} subscriber of the team).
 */
final class TestDeliveries {

    private final GatewayPublisher publisher;
    private final Clock clock;

    TestDeliveries(GatewayPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Completes with the delivery id once Kafka has the task. */
    Mono<String> send(Webhook webhook, String eventType, String dataJson) {
        DeliveryTask task = task(webhook, eventType, dataJson, Ids.random(Ids.EVENT), clock.instant());
        return publisher.send(Topics.DELIVERIES, null, webhook.getId(), task).thenReturn(task.getDeliveryId());
    }

    /** One attempt, no retries: a test answers "does it work now", and verification waits for that one answer. */
    static DeliveryTask task(Webhook webhook, String eventType, String dataJson, String eventId, Instant now) {
        TaskFactory.Event event = new TaskFactory.Event(eventId, webhook.getTenantId(), eventType, now, dataJson);
        // an endpoint that needs its header (a token, a tenant) needs it on the verification too: the factory copies them
        return TaskFactory.task(event, webhook, 1, Trigger.TEST, now, now)
                .setRetryPolicy(new RetryPolicy(RetryPolicyJson.NONE, List.of()))
                .build();
    }
}
