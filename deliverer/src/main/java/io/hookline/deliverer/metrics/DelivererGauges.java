package io.hookline.deliverer.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** The deliverer's gauges: attempts in flight, tasks buffered, retries waiting, consumer lag, open circuits. */
public final class DelivererGauges {

    /** What the gauges read; each value is 0 while the deliverer is stopped. */
    public interface Source {
        int inFlight();

        int buffered();

        int retriesWaiting();

        long consumerLag();

        int openCircuits();
    }

    private DelivererGauges() {
    }

    public static void register(MeterRegistry registry, Supplier<Source> source) {
        Gauge.builder("hookline.deliveries.in.flight", source, s -> s.get().inFlight())
                .description("Delivery attempts in flight").strongReference(true).register(registry);
        Gauge.builder("hookline.deliveries.buffered", source, s -> s.get().buffered())
                .description("Tasks read and not finished: in flight plus queued per endpoint").strongReference(true).register(registry);
        Gauge.builder("hookline.retries.waiting", source, s -> s.get().retriesWaiting())
                .description("Retries read from hookline.delivery-retries and waiting for their time").strongReference(true).register(registry);
        Gauge.builder("hookline.deliverer.consumer.lag", source, s -> s.get().consumerLag())
                .description("Records of hookline.deliveries not yet read by this instance").strongReference(true).register(registry);
        Gauge.builder("hookline.circuits.open", source, s -> s.get().openCircuits())
                .description("Endpoints whose circuit is open or half-open").strongReference(true).register(registry);
    }
}
