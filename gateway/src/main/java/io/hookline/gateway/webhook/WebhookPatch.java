package io.hookline.gateway.webhook;

import io.hookline.schemas.avro.WebhookChanges;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.states.Ordering;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code PATCH /v4/webhooks/{id}} body: null (or "not set") means unchanged. Description,
 * rate limit and filter may be set to null, so whether they were given is kept apart from their value;
 * {@code headers} replace all of the webhook's custom headers ({@code {}} or null removes them).
 */
record WebhookPatch(List<String> events, boolean hasDescription, String description, RetryPolicyJson retryPolicy,
        boolean hasRateLimit, Integer rateLimitPerSecond, Ordering ordering, boolean hasFilter, String filter,
        Map<String, String> headers) {

    /** The patch as a command carries it ({@link Applied} applies it): header values sealed with the cipher. */
    WebhookChanges changes(SecretCipher cipher) {
        return WebhookChanges.newBuilder()
                .setEvents(events)
                .setHasDescription(hasDescription)
                .setDescription(description)
                .setRetryPolicy(retryPolicy == null ? null : retryPolicy.toAvro())
                .setHasRateLimit(hasRateLimit)
                .setRateLimitPerSecond(rateLimitPerSecond)
                .setOrdering(ordering == null ? null : ordering.symbol())
                .setHasFilter(hasFilter)
                .setFilter(filter)
                .setHeaders(headers == null ? null : HeaderValues.sealed(headers, cipher))
                .build();
    }
}
