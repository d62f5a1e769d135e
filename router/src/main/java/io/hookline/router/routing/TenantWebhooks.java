package io.hookline.router.routing;

import io.hookline.schemas.avro.Webhook;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Each tenant's routable webhooks as last read from the routing store, decoded, so that routing an
 * event costs a map lookup instead of a RocksDB range scan and an Avro decode per webhook of the tenant.
 * The webhook indexer drops a tenant's entry whenever it writes one of the tenant's webhooks; both
 * processors run in the same task, on the same thread, so the entry is never stale when read.
 * Least recently routed tenants are dropped beyond {@code maxWebhooks} cached webhooks.
 */
final class TenantWebhooks {

    /** A webhook as the router needs it: its id, its record and its payload filter, compiled. */
    record Entry(String webhookId, Webhook webhook, WebhookFilter filter) {

        Entry(String webhookId, Webhook webhook) {
            this(webhookId, webhook, WebhookFilter.of(webhookId, webhook == null ? null : webhook.getFilter()));
        }
    }

    private final int maxWebhooks;
    private final LinkedHashMap<String, List<Entry>> byTenant = new LinkedHashMap<>(64, 0.75f, true);
    private int cached;

    TenantWebhooks(int maxWebhooks) {
        this.maxWebhooks = maxWebhooks;
    }

    /** The tenant's webhooks, read with {@code load} when they are not cached. */
    List<Entry> of(String tenantId, Function<String, List<Entry>> load) {
        List<Entry> entries = byTenant.get(tenantId);
        if (entries == null) {
            entries = List.copyOf(load.apply(tenantId));
            if (entries.size() <= maxWebhooks) {
                byTenant.put(tenantId, entries);
                cached += entries.size();
                evictBeyondLimit();
            }
        }
        return entries;
    }

    void invalidate(String tenantId) {
        List<Entry> dropped = byTenant.remove(tenantId);
        if (dropped != null) {
            cached -= dropped.size();
        }
    }

    int cachedWebhooks() {
        return cached;
    }

    private void evictBeyondLimit() {
        Iterator<Map.Entry<String, List<Entry>>> eldest = byTenant.entrySet().iterator();
        while (cached > maxWebhooks && eldest.hasNext()) {
            cached -= eldest.next().getValue().size();
            eldest.remove();
        }
    }

    /** One cache per task, shared by the task's webhook indexer and event router. */
    static final class PerTask {

        private final int maxWebhooks;
        private final Map<TaskId, TenantWebhooks> caches = new ConcurrentHashMap<>();

        PerTask(int maxWebhooks) {
            this.maxWebhooks = maxWebhooks;
        }

        TenantWebhooks of(TaskId task) {
            return caches.computeIfAbsent(task, id -> new TenantWebhooks(maxWebhooks));
        }

        /**
         * On a processor's close: the task's stores may change before it is processed here again. Streams
         * closes all of a task's processors before the task is initialised anew, here or on another thread;
         * removing only the closing processor's own cache keeps a late close from dropping a newer one.
         */
        void release(TaskId task, TenantWebhooks mine) {
            caches.remove(task, mine);
        }
    }

    static List<Entry> collect(Iterator<org.apache.kafka.streams.KeyValue<String, Webhook>> scan, String prefix) {
        List<Entry> entries = new ArrayList<>();
        scan.forEachRemaining(kv -> entries.add(new Entry(kv.key.substring(prefix.length()), kv.value)));
        return entries;
    }
}
