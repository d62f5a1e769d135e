package io.hookline.gateway.deliverylog;

/** Outcomes of a webhook's attempts over the last 24 hours and the last 7 days. */
public record DeliveryStats(Window last24h, Window last7d) {

    static final DeliveryStats NONE = new DeliveryStats(new Window(0, 0), new Window(0, 0));

    /** Attempts that succeeded and attempts that failed for good (retries pending and skips are neither). */
    public record Window(long succeeded, long failed) {
    }
}
