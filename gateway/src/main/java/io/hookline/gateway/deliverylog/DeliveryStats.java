package io.hookline.gateway.deliverylog;

/** Outcomes of a webhook's attempts over the last 24 hours and the last 7 days. */
public record DeliveryStats(Window last24h, Window last7d) {

    static final DeliveryStats NONE = new DeliveryStats(new Window(0, 0), new Window(0, 0));

    /** One hour's attempts, from {@code start}: succeeded and failed for good, and how long every attempt sent took. */
    public record Hour(java.time.Instant start, long succeeded, long failed, Latencies latencies) {
    }

    /** Attempts that succeeded and attempts that failed for good (retries pending and skips are neither). */
    public record Window(long succeeded, long failed) {
    }
}
