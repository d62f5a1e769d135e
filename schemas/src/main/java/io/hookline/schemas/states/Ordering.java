package io.hookline.schemas.states;

import java.util.Optional;

/** How a webhook's deliveries go out, on {@code Webhook.ordering} and {@code DeliveryTask.ordering}: {@code fifo} keeps one in flight, in event order. */
public enum Ordering implements WireValue {
    CONCURRENT, FIFO;

    /** The value a record carries, or empty for one this build does not know. */
    public static Optional<Ordering> of(String wire) {
        return WireValue.of(Ordering.class, wire);
    }
}
