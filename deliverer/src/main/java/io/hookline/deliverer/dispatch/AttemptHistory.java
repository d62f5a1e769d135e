package io.hookline.deliverer.dispatch;

import java.time.Instant;
import java.util.function.ObjIntConsumer;

/** Where the attempts recorded before this instance took a partition are read back from: the delivery log. */
public interface AttemptHistory {

    /**
     * Reads the attempts recorded since {@code since} in the delivery log's records that match a
     * partition of {@code hookline.deliveries} (both are keyed by webhook id), at most the last
     * {@code atMost}, oldest first, handing each one's delivery id and attempt number to {@code attempt}.
     */
    void read(int partition, Instant since, int atMost, ObjIntConsumer<String> attempt);

    /** No history: only what this instance records itself is known. */
    AttemptHistory NONE = (partition, since, atMost, attempt) -> {
    };
}
