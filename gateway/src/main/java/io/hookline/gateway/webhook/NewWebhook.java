package io.hookline.gateway.webhook;

import io.hookline.schemas.states.Ordering;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code POST /v4/webhooks} body, defaults filled in.
 *
 * @param filter the payload filter as stored (compact JSON), null for none
 */
record NewWebhook(String url, List<String> events, String description, RetryPolicyJson retryPolicy, boolean sendPlaintextSecret,
        Integer rateLimitPerSecond, Ordering ordering, String filter, Map<String, String> headers) {
}
