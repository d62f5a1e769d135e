package io.hookline.router.routing;

import io.hookline.schemas.filter.EventFilter;
import io.hookline.schemas.filter.FilterEvent;
import io.hookline.schemas.filter.InvalidFilterException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A webhook's payload filter as the router applies it, compiled once when the webhook is read. An event
 * the filter excludes is simply not a delivery. A stored filter that does not compile, or one that
 * fails while it is evaluated (the gateway validated it, so neither should happen), lets no event
 * through and says so in a warning: a broken filter must not turn into deliveries nobody asked for,
 * nor into a failed stream.
 */
final class WebhookFilter {

    private static final Logger log = LoggerFactory.getLogger(WebhookFilter.class);
    private static final WebhookFilter NONE = new WebhookFilter(null, null, false);

    private final String webhookId;
    private final EventFilter filter;
    private final boolean broken;

    private WebhookFilter(String webhookId, EventFilter filter, boolean broken) {
        this.webhookId = webhookId;
        this.filter = filter;
        this.broken = broken;
    }

    /** @param stored the webhook's filter as stored, null when it has none */
    static WebhookFilter of(String webhookId, String stored) {
        if (stored == null) {
            return NONE;
        }
        try {
            return new WebhookFilter(webhookId, EventFilter.parse(stored), false);
        } catch (InvalidFilterException e) {
            log.warn("Webhook {} has a payload filter that does not compile; it receives no events until it is changed: {}",
                    webhookId, e.problems());
            return new WebhookFilter(webhookId, null, true);
        }
    }

    /** @param data the event's parsed data, asked for only when there is a filter to evaluate */
    boolean passes(IncomingEvent event, Supplier<JsonNode> data) {
        if (broken) {
            return false;
        }
        if (filter == null) {
            return true;
        }
        try {
            return filter.matches(new FilterEvent(event.type(), event.tenantId(), data.get()));
        } catch (RuntimeException e) {
            log.warn("The payload filter of webhook {} failed on event {}; treating the event as not matching", webhookId, event.id(), e);
            return false;
        }
    }
}
