package io.hookline.deliverer.dispatch;

import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.states.Trigger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deliveries of one partition of {@code hookline.deliveries} with an attempt on the delivery
 * log, and the highest attempt number recorded. A task whose attempt number is already recorded
 * was finished before: a re-read after a crash (its offset was not committed), a task the router
 * routed again, a retry moved twice. Every recorded status counts, not only success and final
 * failure: a "retrying" attempt {@code n} was recorded after the task of attempt {@code n + 1}
 * was written, so repeating {@code n} would only start a second chain of retries.
 *
 * <p>After a crash a task is often read twice in one go (the re-read original and the router's
 * second copy), so the attempts in flight count too: a copy that would start while its attempt
 * runs is finished at once. That loses nothing: the running one's offset stays unfinished until
 * its attempt is recorded, so if it never is (we stop), it is read again.
 *
 * <p>Bounded: the {@code capacity} deliveries recorded last; the oldest are forgotten first, so a
 * task re-read from further back than that is sent again (a duplicate, never a loss).
 * Thread-safe: attempts start and end on the dispatcher's threads.
 */
final class FinishedDeliveries {

    private final Map<String, Integer> recorded;
    private final Map<String, Integer> running = new HashMap<>();

    FinishedDeliveries(int capacity) {
        this.recorded = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > capacity;
            }
        };
    }

    /** An attempt of the delivery is on the delivery log. */
    synchronized void recorded(String deliveryId, int attempt) {
        // removed and put again: the delivery becomes the newest, the last to be forgotten
        Integer before = recorded.remove(deliveryId);
        recorded.put(deliveryId, before == null ? attempt : Math.max(before, attempt));
    }

    /**
     * Whether sending the task would repeat a recorded attempt. A manual re-delivery (the API's
     * redeliver and recover, {@code hookline replay}) repeats on purpose and is always sent; its
     * retries carry higher attempt numbers than anything recorded before it, so they are sent too.
     */
    synchronized boolean covers(DeliveryTask task) {
        if (Trigger.MANUAL.is(task.getTrigger())) {
            return false;
        }
        Integer done = recorded.get(task.getDeliveryId());
        return done != null && done >= task.getAttempt();
    }

    /** Before the task's attempt starts: false (do not send) when it is covered or the same attempt is running. */
    synchronized boolean start(DeliveryTask task) {
        if (covers(task)) {
            return false;
        }
        Integer now = running.get(task.getDeliveryId());
        if (now != null && now >= task.getAttempt() && !Trigger.MANUAL.is(task.getTrigger())) {
            return false;
        }
        running.merge(task.getDeliveryId(), task.getAttempt(), Math::max);
        return true;
    }

    /** After a {@link #start}ed attempt: recorded, or not (deferred, or we are stopping). */
    synchronized void end(DeliveryTask task, boolean attemptRecorded) {
        running.remove(task.getDeliveryId(), task.getAttempt());
        if (attemptRecorded) {
            recorded(task.getDeliveryId(), task.getAttempt());
        }
    }

    synchronized int size() {
        return recorded.size();
    }
}
