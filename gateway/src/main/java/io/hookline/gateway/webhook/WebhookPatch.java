package io.hookline.gateway.webhook;

import io.hookline.schemas.avro.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code PATCH /v4/webhooks/{id}} body: null (or "not set") means unchanged. Description,
 * rate limit and filter may be set to null, so whether they were given is kept apart from their value;
 * {@code headers} replace all of the webhook's custom headers ({@code {}} or null removes them).
 */
record WebhookPatch(List<String> events, boolean hasDescription, String description, RetryPolicyJson retryPolicy,
        boolean hasRateLimit, Integer rateLimitPerSecond, String ordering, boolean hasFilter, String filter,
        Map<String, String> headers) {

    Webhook applyTo(Webhook current, Instant now) {
        Webhook.Builder changed = Webhook.newBuilder(current).setUpdatedAt(now);
        if (events != null) {
            changed.setEvents(events);
        }
        if (hasDescription) {
            changed.setDescription(description);
        }
        if (retryPolicy != null) {
            changed.setRetryPolicy(retryPolicy.toAvro());
        }
        if (hasRateLimit) {
            changed.setRateLimitPerSecond(rateLimitPerSecond);
        }
        if (ordering != null) {
            changed.setOrdering(ordering);
        }
        if (hasFilter) {
            changed.setFilter(filter);
        }
        if (headers != null) {
            changed.setHeaders(headers);
        }
        return changed.build();
    }
}
