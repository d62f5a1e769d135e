package io.hookline.schemas.states;

import io.hookline.schemas.avro.AttemptStatusSymbol;
import java.util.Optional;
import java.util.Set;

/** What became of an attempt, on {@code DeliveryAttempt.status}; {@code pending} is a wait before a first attempt (attempt 0), not an attempt. */
public enum AttemptStatus implements WireValue<AttemptStatusSymbol> {
    SUCCEEDED, FAILED, RETRYING, SKIPPED, PENDING;

    /** The value a string is (a client's), or empty for one this build does not know. */
    public static Optional<AttemptStatus> of(String wire) {
        return WireValue.of(AttemptStatus.class, wire);
    }

    /** The value a record's symbol stands for; empty only for null. */
    public static Optional<AttemptStatus> of(AttemptStatusSymbol symbol) {
        return WireValue.of(AttemptStatus.class, symbol);
    }

    @Override
    public Class<AttemptStatusSymbol> symbolType() {
        return AttemptStatusSymbol.class;
    }

    /** Every status, in this order: what a filter by status may ask for. */
    public static Set<String> wires() {
        return WireValue.wires(AttemptStatus.class);
    }
}
