package io.hookline.schemas.states;

import java.util.Optional;

/** Why an attempt is made, on {@code DeliveryTask.trigger} and {@code DeliveryAttempt.trigger}. */
public enum Trigger implements WireValue {
    SCHEDULED, RETRY, MANUAL, TEST;

    /** The value a record carries, or empty for one this build does not know. */
    public static Optional<Trigger> of(String wire) {
        return WireValue.of(Trigger.class, wire);
    }
}
