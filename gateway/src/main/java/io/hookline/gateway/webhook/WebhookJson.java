package io.hookline.gateway.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hookline.gateway.deliverylog.DeliveryIndex;
import io.hookline.gateway.deliverylog.DeliveryStats;
import io.hookline.gateway.deliverylog.LastDelivery;
import io.hookline.schemas.avro.Verification;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.filter.EventFilter;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A webhook as the API shows it (API.md, "Webhooks"), with its last delivery and stats from the
 * delivery-log index. The signing secret appears only in the creation response.
 */
public record WebhookJson(
        String id,
        String url,
        List<String> events,
        String description,
        String status,
        String disabledReason,
        boolean enabled,
        String createdAt,
        RetryPolicyJson retryPolicy,
        Integer rateLimitPerSecond,
        String ordering,
        JsonNode filter,
        Map<String, String> headers,
        VerificationJson verification,
        boolean sendPlaintextSecret,
        LastDeliveryJson lastDelivery,
        DeliveryStats stats,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    /** @param cipher opens the custom headers' values, shown in clear (API.md, "Custom headers") */
    static WebhookJson from(Webhook webhook, SecretCipher cipher, DeliveryIndex deliveries, Instant now) {
        return new WebhookJson(webhook.getId(), webhook.getUrl(), List.copyOf(webhook.getEvents()), webhook.getDescription(),
                webhook.getStatus().name(), webhook.getDisabledReason(), webhook.getEnabled(), rfc3339(webhook.getCreatedAt()),
                RetryPolicyJson.from(webhook.getRetryPolicy()), webhook.getRateLimitPerSecond(), webhook.getOrdering().name(),
                webhook.getFilter() == null ? null : EventFilter.parseJson(webhook.getFilter()), new TreeMap<>(HeaderValues.clear(webhook, cipher)),
                VerificationJson.from(webhook.getVerification()), webhook.getSendPlaintextSecret(),
                deliveries.lastDelivery(webhook.getId()).map(LastDeliveryJson::from).orElse(null),
                deliveries.stats(webhook.getId(), now), null);
    }

    WebhookJson withSecret(String plaintextSecret) {
        return new WebhookJson(id, url, events, description, status, disabledReason, enabled, createdAt, retryPolicy,
                rateLimitPerSecond, ordering, filter, headers, verification, sendPlaintextSecret, lastDelivery, stats, plaintextSecret);
    }

    static String rfc3339(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The last verification of the endpoint; {@code not_run} until one ran. */
    public record VerificationJson(String status, String checkedAt, String error) {

        static VerificationJson from(Verification verification) {
            if (verification == null) {
                return new VerificationJson("not_run", null, null);
            }
            return new VerificationJson(verification.getStatus().name(), rfc3339(verification.getCheckedAt()), verification.getError());
        }
    }

    /** The latest attempt of any delivery: its outcome, response code (null without a response) and time. */
    public record LastDeliveryJson(String deliveryId, String status, Integer responseCode, String at) {

        static LastDeliveryJson from(LastDelivery last) {
            return new LastDeliveryJson(last.deliveryId(), last.status(), last.responseCode(), rfc3339(last.at()));
        }
    }
}
