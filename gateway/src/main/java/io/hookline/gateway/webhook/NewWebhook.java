package io.hookline.gateway.webhook;

import java.util.List;

/** A validated {@code POST /v4/webhooks} body, defaults filled in. */
record NewWebhook(String url, List<String> events, String description, RetryPolicyJson retryPolicy, boolean sendPlaintextSecret,
        Integer rateLimitPerSecond, String ordering) {
}
