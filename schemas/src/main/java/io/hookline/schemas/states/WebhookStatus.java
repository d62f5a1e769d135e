package io.hookline.schemas.states;

import io.hookline.schemas.avro.WebhookStatusSymbol;
import java.util.Optional;

/** A webhook's state, on {@code Webhook.status}: it fires once verified ({@code active}); {@code deleted} comes before its tombstone. */
public enum WebhookStatus implements WireValue<WebhookStatusSymbol> {
    PENDING_VERIFICATION, ACTIVE, VERIFICATION_FAILED, DISABLED, DELETED;

    /** The value a string is (a client's), or empty for one this build does not know. */
    public static Optional<WebhookStatus> of(String wire) {
        return WireValue.of(WebhookStatus.class, wire);
    }

    /** The value a record's symbol stands for; empty only for null. */
    public static Optional<WebhookStatus> of(WebhookStatusSymbol symbol) {
        return WireValue.of(WebhookStatus.class, symbol);
    }

    @Override
    public Class<WebhookStatusSymbol> symbolType() {
        return WebhookStatusSymbol.class;
    }
}
