package io.hookline.schemas.states;

import java.util.Optional;

/** A webhook's state, on {@code Webhook.status}: it fires once verified ({@code active}); {@code deleted} comes before its tombstone. */
public enum WebhookStatus implements WireValue {
    PENDING_VERIFICATION, ACTIVE, VERIFICATION_FAILED, DISABLED, DELETED;

    /** The value a record carries, or empty for one this build does not know. */
    public static Optional<WebhookStatus> of(String wire) {
        return WireValue.of(WebhookStatus.class, wire);
    }
}
