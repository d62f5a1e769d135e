package io.hookline.schemas.states;

import java.util.Optional;

/** How a webhook's latest verification stands, on {@code Webhook.lastVerification.status}. */
public enum VerificationStatus implements WireValue {
    PENDING, SUCCEEDED, FAILED;

    /** The value a record carries, or empty for one this build does not know. */
    public static Optional<VerificationStatus> of(String wire) {
        return WireValue.of(VerificationStatus.class, wire);
    }
}
