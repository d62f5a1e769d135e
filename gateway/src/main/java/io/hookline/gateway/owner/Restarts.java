package io.hookline.gateway.owner;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * An owner loop's unexpected failures: why it is restarting (for health, from the failure until a fresh
 * consumer is assigned), how long it waits first ({@link Backoff}), and which command failed it how often,
 * so that a command failing it every time goes to the dead letters instead of stopping its partition for
 * good. Written on the loop's thread; health reads the volatile fields.
 */
final class Restarts {

    static final int MAX_TRIES = 3;
    private static final int MAX_REASON = 300;

    private final Backoff backoff;
    /** By command (topic, partition, offset): how often it failed the loop, and the last reason. */
    private final Map<String, Integer> tries = new HashMap<>();
    private final Map<String, String> reasons = new HashMap<>();
    private ConsumerRecord<?, ?> current;
    private volatile String restartingBecause;
    private volatile int count;

    Restarts(Backoff backoff) {
        this.backoff = backoff;
    }

    /** The loop starts on a command (null: it is through with it): a failure meanwhile is the command's. */
    void attempting(ConsumerRecord<?, ?> record) {
        current = record;
    }

    /** The command is committed or dead-lettered: never read again. */
    void done(ConsumerRecord<?, ?> record) {
        current = null;
        tries.remove(coordinates(record));
        reasons.remove(coordinates(record));
    }

    /** Why the command is to go to the dead letters now, if it failed the loop too often. */
    Optional<String> poisoned(ConsumerRecord<?, ?> record) {
        if (tries.getOrDefault(coordinates(record), 0) < MAX_TRIES) {
            return Optional.empty();
        }
        return Optional.of("failed the owner " + MAX_TRIES + " times, with a fresh consumer each time: " + reasons.get(coordinates(record)));
    }

    /**
     * Notes an unexpected failure; the wait before a fresh consumer. Health gets the exception's class only:
     * it answers without authentication, and a message may carry a command's data. The message (never a
     * stack trace) goes into the dead-letter reason, which only the cluster's operators read.
     */
    Duration failed(RuntimeException e, Instant now) {
        restartingBecause = e.getClass().getSimpleName() + " (the gateway's log has the message)";
        count++;
        if (current != null) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
            tries.merge(coordinates(current), 1, Integer::sum);
            reasons.put(coordinates(current), reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason);
        }
        current = null;
        return backoff.failed(now);
    }

    /** A fresh consumer is a member of the group again. */
    void resumed() {
        restartingBecause = null;
    }

    Optional<String> restartingBecause() {
        return Optional.ofNullable(restartingBecause);
    }

    int count() {
        return count;
    }

    /** The command under way, for the log. */
    String current() {
        return current == null ? "" : " on " + coordinates(current);
    }

    private static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
