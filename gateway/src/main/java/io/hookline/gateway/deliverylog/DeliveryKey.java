package io.hookline.gateway.deliverylog;

import java.time.Instant;
import java.util.Comparator;

/** A delivery's place in its webhook's list: the time of its first attempt, then its id. */
record DeliveryKey(Instant firstAttemptAt, String deliveryId) implements Comparable<DeliveryKey> {

    private static final Comparator<DeliveryKey> ORDER =
            Comparator.comparing(DeliveryKey::firstAttemptAt).thenComparing(DeliveryKey::deliveryId);

    @Override
    public int compareTo(DeliveryKey other) {
        return ORDER.compare(this, other);
    }
}
