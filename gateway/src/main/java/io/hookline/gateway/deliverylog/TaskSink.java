package io.hookline.gateway.deliverylog;

import io.hookline.schemas.avro.DeliveryTask;
import reactor.core.publisher.Mono;

/** Where re-deliveries go: {@code hookline.deliveries} in production, a list in unit tests. */
@FunctionalInterface
interface TaskSink {

    /** Completes once Kafka has the task. */
    Mono<Void> send(DeliveryTask task);
}
