package io.hookline.gateway.webhook;

import io.hookline.schemas.avro.Webhook;
import java.time.Instant;
import java.util.List;

/**
 * A validated {@code PATCH /v4/webhooks/{id}} body: null (or "not set") means unchanged. Description
 * and rate limit may be set to null, so whether they were given is kept apart from their value.
 */
record WebhookPatch(List<String> events, boolean hasDescription, String description, RetryPolicyJson retryPolicy,
        boolean hasRateLimit, Integer rateLimitPerSecond, String ordering) {

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
        return changed.build();
    }
}
