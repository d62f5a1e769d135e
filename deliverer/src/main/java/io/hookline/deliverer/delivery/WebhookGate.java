package io.hookline.deliverer.delivery;

import io.hookline.schemas.avro.DeliveryTask;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The deliverer's view of webhook state: whether a task may be sent, and disabling a webhook. */
public interface WebhookGate {

    /** Lets everything through and disables nothing: for tests of the job alone. */
    WebhookGate OPEN = new WebhookGate() {
        @Override
        public CompletionStage<Optional<String>> skipReason(DeliveryTask task) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletionStage<Void> disable(DeliveryTask task, String reason) {
            return CompletableFuture.completedFuture(null);
        }
    };

    /** Why the task must be skipped (webhook disabled, deleted, unknown), or empty to send it. */
    CompletionStage<Optional<String>> skipReason(DeliveryTask task);

    /** Disables the task's webhook with the reason; completes once the change is durable. */
    CompletionStage<Void> disable(DeliveryTask task, String reason);
}
