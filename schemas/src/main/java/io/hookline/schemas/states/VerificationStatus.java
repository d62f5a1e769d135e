package io.hookline.schemas.states;

import io.hookline.schemas.avro.VerificationStatusSymbol;
import java.util.Optional;

/** How a webhook's latest verification stands, on {@code Webhook.lastVerification.status}. */
public enum VerificationStatus implements WireValue<VerificationStatusSymbol> {
    PENDING, SUCCEEDED, FAILED;

    /** The value a string is (a client's), or empty for one this build does not know. */
    public static Optional<VerificationStatus> of(String wire) {
        return WireValue.of(VerificationStatus.class, wire);
    }

    /** The value a record's symbol stands for; empty only for null. */
    public static Optional<VerificationStatus> of(VerificationStatusSymbol symbol) {
        return WireValue.of(VerificationStatus.class, symbol);
    }

    @Override
    public Class<VerificationStatusSymbol> symbolType() {
        return VerificationStatusSymbol.class;
    }
}
