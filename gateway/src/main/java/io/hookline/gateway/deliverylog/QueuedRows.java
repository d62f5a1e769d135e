package io.hookline.gateway.deliverylog;

import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.states.AttemptStatus;
import java.util.List;

/**
 * How a task found in the deliverer's backlog ({@link DeliveryBacklog}) and what the index holds of its
 * delivery make one row (issue 13). What the index has wins whenever it says more: a real attempt of
 * the task's number or later is never overridden, and the deliverer's own pending record (rate
 * limited, circuit open, behind a FIFO delivery) says why more precisely than "queued". A retry back
 * from the retry topic is shown by its previous attempt's row ({@code retrying}, with its time).
 */
final class QueuedRows {

    /** The reason of a delivery routed and not yet attempted: in the deliverer's backlog, or its attempt in flight. */
    static final String QUEUED = "queued for delivery";

    private QueuedRows() {
    }

    /** Whether the task's attempt is still to end, given the delivery's indexed records (oldest first, maybe none). */
    static boolean waiting(QueuedTask task, List<DeliveryAttempt> indexed) {
        if (QueuedTask.RETRY.equals(task.trigger())) {
            return false;
        }
        return indexed.stream().noneMatch(a -> !AttemptStatus.PENDING.is(a.getStatus()) && a.getAttempt() >= task.attempt());
    }

    /** The delivery's row: from the index, or queued when the task waits and the index says nothing better; null for neither. */
    static DeliveryJson.Row row(List<DeliveryAttempt> indexed, QueuedTask task) {
        if (task == null || !waiting(task, indexed) || latestIsPending(indexed)) {
            return indexed.isEmpty() ? null : DeliveryJson.Row.of(indexed);
        }
        return DeliveryJson.Row.queued(task, indexed);
    }

    /** The delivery in full, by the same rule; null for neither. */
    static DeliveryJson.Detail detail(List<DeliveryAttempt> indexed, QueuedTask task) {
        if (task == null || !waiting(task, indexed) || latestIsPending(indexed)) {
            return indexed.isEmpty() ? null : DeliveryJson.Detail.of(indexed);
        }
        return DeliveryJson.Detail.queued(task, indexed);
    }

    private static boolean latestIsPending(List<DeliveryAttempt> indexed) {
        return !indexed.isEmpty() && AttemptStatus.PENDING.is(indexed.get(indexed.size() - 1).getStatus());
    }
}
