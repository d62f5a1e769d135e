package io.hookline.gateway.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hookline.schemas.avro.Verification;
import io.hookline.schemas.avro.Webhook;
import java.time.Instant;
import java.util.List;

/**
 * A webhook as the API shows it (API.md, "Webhooks"). The signing secret appears only in the
 * creation response; {@code stats} arrive with the delivery-log aggregation.
 */
public record WebhookJson(
        String id,
        String url,
        List<String> events,
        String description,
        String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) String disabledReason,
        boolean enabled,
        String createdAt,
        RetryPolicyJson retryPolicy,
        VerificationJson verification,
        boolean sendPlaintextSecret,
        Object lastDelivery,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static WebhookJson from(Webhook webhook) {
        return new WebhookJson(webhook.getId(), webhook.getUrl(), List.copyOf(webhook.getEvents()), webhook.getDescription(),
                webhook.getStatus(), webhook.getDisabledReason(), webhook.getEnabled(), rfc3339(webhook.getCreatedAt()),
                RetryPolicyJson.from(webhook.getRetryPolicy()), VerificationJson.from(webhook.getVerification()),
                webhook.getSendPlaintextSecret(), null, null);
    }

    WebhookJson withSecret(String plaintextSecret) {
        return new WebhookJson(id, url, events, description, status, disabledReason, enabled, createdAt, retryPolicy,
                verification, sendPlaintextSecret, lastDelivery, plaintextSecret);
    }

    static String rfc3339(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The last verification of the endpoint; {@code not_run} until verification exists. */
    public record VerificationJson(String status, String checkedAt, String error) {

        static VerificationJson from(Verification verification) {
            if (verification == null) {
                return new VerificationJson("not_run", null, null);
            }
            return new VerificationJson(verification.getStatus(), rfc3339(verification.getCheckedAt()), verification.getError());
        }
    }
}
