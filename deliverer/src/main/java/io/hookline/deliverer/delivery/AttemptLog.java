package io.hookline.deliverer.delivery;

import io.hookline.schemas.avro.DeliveryAttempt;
import java.util.concurrent.CompletionStage;

/** Where attempts are recorded. The stage completes once the record is durable (acknowledged). */
public interface AttemptLog {

    CompletionStage<Void> record(DeliveryAttempt attempt);
}
