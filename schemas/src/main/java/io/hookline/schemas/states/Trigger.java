package io.hookline.schemas.states;

import io.hookline.schemas.avro.TriggerSymbol;
import java.util.Optional;

/** Why an attempt is made, on {@code DeliveryTask.trigger} and {@code DeliveryAttempt.trigger}. */
public enum Trigger implements WireValue<TriggerSymbol> {
    SCHEDULED, RETRY, MANUAL, TEST;

    /** The value a string is (a client's), or empty for one this build does not know. */
    public static Optional<Trigger> of(String wire) {
        return WireValue.of(Trigger.class, wire);
    }

    /** The value a record's symbol stands for; empty only for null. */
    public static Optional<Trigger> of(TriggerSymbol symbol) {
        return WireValue.of(Trigger.class, symbol);
    }

    @Override
    public Class<TriggerSymbol> symbolType() {
        return TriggerSymbol.class;
    }
}
