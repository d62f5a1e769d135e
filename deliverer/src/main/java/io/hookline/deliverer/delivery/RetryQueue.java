package io.hookline.deliverer.delivery;

import io.hookline.schemas.avro.DeliveryTask;
import java.util.concurrent.CompletionStage;

/** Where the next attempt of a delivery waits until its {@code notBefore}. The stage completes once it is durable. */
public interface RetryQueue {

    CompletionStage<Void> schedule(DeliveryTask next);
}
