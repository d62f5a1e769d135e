package io.hookline.schemas.states;

import io.hookline.schemas.avro.OrderingSymbol;
import java.util.Optional;

/** How a webhook's deliveries go out, on {@code Webhook.ordering} and {@code DeliveryTask.ordering}: {@code fifo} keeps one in flight, in event order. */
public enum Ordering implements WireValue<OrderingSymbol> {
    CONCURRENT, FIFO;

    /** The value a string is (a client's), or empty for one this build does not know. */
    public static Optional<Ordering> of(String wire) {
        return WireValue.of(Ordering.class, wire);
    }

    /** The value a record's symbol stands for; empty only for null. */
    public static Optional<Ordering> of(OrderingSymbol symbol) {
        return WireValue.of(Ordering.class, symbol);
    }

    @Override
    public Class<OrderingSymbol> symbolType() {
        return OrderingSymbol.class;
    }
}
