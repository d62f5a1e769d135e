package io.hookline.deliverer.delivery;

import io.hookline.schemas.avro.DeliveryTask;
import java.time.Instant;

/**
 * Where a task that cannot start its attempt at once is recorded as {@code pending}, with why and
 * when it is expected to start (issue 13); its attempt's record supersedes it on the delivery log.
 */
public interface PendingLog {

    /** Records nothing: for tests of the loop alone. */
    PendingLog NONE = (task, reason, expectedAt) -> { };

    /**
     * Hands the record over without blocking: it is called under the dispatcher's lock, before the task
     * can start, which is what puts the record on the log ahead of the attempt's.
     *
     * @param expectedAt when the attempt is expected to start; null when unknown
     */
    void pending(DeliveryTask task, String reason, Instant expectedAt);
}
