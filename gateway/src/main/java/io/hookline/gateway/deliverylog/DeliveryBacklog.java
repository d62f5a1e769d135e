package io.hookline.gateway.deliverylog;

/**
 * The deliveries routed to a webhook and not yet attempted, found at query time (issue 13): what lies
 * in its partition of {@code hookline.deliveries} after the deliverer group's committed offset. Costs
 * one bounded read per listing and nothing per delivery. {@link KafkaBacklog} in production.
 */
@FunctionalInterface
interface DeliveryBacklog {

    /** Never waits longer than the read's bound; on a Kafka failure it throws (the API answers 503). */
    Backlog of(String webhookId);

    static DeliveryBacklog none() {
        return webhookId -> Backlog.EMPTY;
    }
}
