package io.hookline.gateway.deliverylog;

import java.util.Map;

/**
 * The tasks of one partition of {@code hookline.deliveries} that the deliverer group has not committed
 * past, by webhook id and then delivery id (the latest task of a delivery: the highest attempt number).
 *
 * @param cut whether the read stopped at its bound ({@link KafkaBacklog#MAX_RECORDS}, {@link KafkaBacklog#MAX_TIME})
 *            before the partition's end: queued deliveries may be missing
 */
record Backlog(Map<String, Map<String, QueuedTask>> byWebhook, boolean cut) {

    static final Backlog EMPTY = new Backlog(Map.of(), false);

    /** The webhook's queued tasks by delivery id, those of another team left out (tenant isolation). */
    Map<String, QueuedTask> of(String webhookId, String tenantId) {
        Map<String, QueuedTask> tasks = byWebhook.getOrDefault(webhookId, Map.of());
        if (tasks.values().stream().allMatch(task -> task.tenantId().equals(tenantId))) {
            return tasks;
        }
        Map<String, QueuedTask> own = new java.util.HashMap<>();
        tasks.forEach((id, task) -> {
            if (task.tenantId().equals(tenantId)) {
                own.put(id, task);
            }
        });
        return own;
    }
}
