package io.hookline.gateway.webhook;

import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookAction;
import io.hookline.schemas.avro.WebhookChanges;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.avro.WebhookOutcomeResult;
import java.time.Duration;
import java.util.Optional;

/**
 * What one command does to a webhook as the owner of its partition holds it: the apply function, with no
 * Kafka in it. It depends only on the command and the state, so every owner, and a repeat, decides alike.
 */
sealed interface Applied {

    /** The command changed the webhook: {@code after} is to be written (null: deleted, then a tombstone). */
    record Written(Webhook before, Webhook after) implements Applied {
    }

    /** Nothing to do (e.g. the deliverer's disable of a webhook disabled already). */
    record Unchanged(Webhook current) implements Applied {
    }

    /** Refused because of the webhook's state; the requester answers {@code 404} or {@code 409}. */
    record Refused(WebhookOutcomeResult result, String message) implements Applied {
    }

    /**
     * @param current the webhook's latest state on its partition of {@code hookline.webhooks}, if any (a
     *                {@code deleted} one included)
     */
    static Applied of(WebhookCommand command, Optional<Webhook> current) {
        if (command.getAction() == WebhookAction.CREATE) {
            return current.isPresent() ? new Refused(WebhookOutcomeResult.CONFLICT, "A webhook with id " + command.getWebhookId() + " exists.")
                    : new Written(null, command.getWebhook());
        }
        Optional<Webhook> visible = current.filter(w -> w.getTenantId().equals(command.getTenantId()) && !Webhooks.DELETED.equals(w.getStatus()));
        if (visible.isEmpty()) {
            return new Refused(WebhookOutcomeResult.NOT_FOUND, "No webhook " + command.getWebhookId() + ".");
        }
        Webhook webhook = visible.get();
        Webhook.Builder changed = Webhook.newBuilder(webhook).setUpdatedAt(command.getIssuedAt());
        return switch (command.getAction()) {
            case CREATE -> throw new IllegalStateException("handled above");
            case DISABLE -> !webhook.getEnabled() || Webhooks.DISABLED.equals(webhook.getStatus()) ? new Unchanged(webhook)
                    : new Written(webhook, changed.setEnabled(false).setStatus(Webhooks.DISABLED).setDisabledReason(command.getReason()).build());
            // a reason is for automatic disabling (e.g. 410 Gone); a person's choice needs none
            case USER_DISABLE -> new Written(webhook, changed.setEnabled(false).setStatus(Webhooks.DISABLED).setDisabledReason(null).build());
            case ENABLE -> new Written(webhook, changed.setEnabled(true).setStatus(Verifier.statusWhenEnabled(webhook)).setDisabledReason(null)
                    .build());
            case UPDATE -> new Written(webhook, updated(changed, command.getChanges()).build());
            case ROTATE_SECRET -> new Written(webhook, changed.setSecrets(WebhookSecrets.rotated(webhook, command.getSecretCiphertext(),
                    command.getIssuedAt(), Duration.ofMillis(command.getSecretOverlapMillis()))).build());
            case VERIFIED -> new Written(webhook, Verifier.applied(webhook, command.getVerification()));
            case DELETE -> new Written(webhook, null);
        };
    }

    private static Webhook.Builder updated(Webhook.Builder changed, WebhookChanges changes) {
        if (changes.getEvents() != null) {
            changed.setEvents(changes.getEvents());
        }
        if (changes.getHasDescription()) {
            changed.setDescription(changes.getDescription());
        }
        if (changes.getRetryPolicy() != null) {
            changed.setRetryPolicy(changes.getRetryPolicy());
        }
        if (changes.getHasRateLimit()) {
            changed.setRateLimitPerSecond(changes.getRateLimitPerSecond());
        }
        if (changes.getOrdering() != null) {
            changed.setOrdering(changes.getOrdering());
        }
        if (changes.getHasFilter()) {
            changed.setFilter(changes.getFilter());
        }
        if (changes.getHeaders() != null) {
            changed.setHeaders(changes.getHeaders()).setHeaderValuesEncrypted(true);
        }
        return changed;
    }
}
