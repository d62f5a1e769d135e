package io.hookline.router.routing;

import io.hookline.schemas.avro.Webhook;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Keeps the routing store in step with {@code hookline.webhooks}: a routable webhook is stored under
 * {@code tenant|webhookId}; a disabled or deleted one, or a tombstone, is removed. A tombstone carries
 * only the webhook id, so a second store remembers each stored webhook's tenant.
 */
final class WebhookIndexer implements Processor<String, Webhook, Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(WebhookIndexer.class);

    private final TenantWebhooks.PerTask caches;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, Webhook> webhooks;
    private KeyValueStore<String, String> tenants;
    private TenantWebhooks tenantWebhooks;

    WebhookIndexer(TenantWebhooks.PerTask caches) {
        this.caches = caches;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        webhooks = context.getStateStore(RouterTopology.WEBHOOKS_STORE);
        tenants = context.getStateStore(RouterTopology.WEBHOOK_TENANTS_STORE);
        tenantWebhooks = caches.of(context.taskId());
    }

    @Override
    public void close() {
        caches.release(context.taskId(), tenantWebhooks);
    }

    @Override
    public void process(Record<String, Webhook> record) {
        String webhookId = record.key();
        if (webhookId == null) {
            log.warn("Ignoring a webhook record without a key (webhook {})",
                    record.value() == null ? null : record.value().getId());
            return;
        }
        MDC.put("webhookId", webhookId);
        try {
            Webhook webhook = record.value();
            String previousTenant = tenants.get(webhookId);
            if (previousTenant != null && (webhook == null || !previousTenant.equals(webhook.getTenantId()))) {
                webhooks.delete(routingKey(previousTenant, webhookId));
                tenants.delete(webhookId);
                tenantWebhooks.invalidate(previousTenant);
            }
            if (webhook != null) {
                tenantWebhooks.invalidate(webhook.getTenantId());
            }
            if (webhook == null) {
                log.debug("Webhook removed (tombstone)");
            } else if (DeliveryTasks.routable(webhook)) {
                webhooks.put(routingKey(webhook.getTenantId(), webhookId), webhook);
                tenants.put(webhookId, webhook.getTenantId());
                log.debug("Webhook routable, status {}", webhook.getStatus());
            } else {
                webhooks.delete(routingKey(webhook.getTenantId(), webhookId));
                tenants.delete(webhookId);
                log.debug("Webhook not routable: status {}, enabled {}", webhook.getStatus(), webhook.getEnabled());
            }
        } finally {
            MDC.remove("webhookId");
        }
    }

    /** The key of a webhook in the routing store; a tenant's webhooks share the prefix {@code tenant|}. */
    static String routingKey(String tenantId, String webhookId) {
        return tenantPrefix(tenantId) + webhookId;
    }

    static String tenantPrefix(String tenantId) {
        return tenantId + "|";
    }
}
