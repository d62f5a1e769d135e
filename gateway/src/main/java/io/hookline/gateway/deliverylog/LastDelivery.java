package io.hookline.gateway.deliverylog;

import io.hookline.schemas.avro.DeliveryAttempt;
import java.time.Instant;

/** The latest attempt of any delivery of a webhook, as its details show it. */
public record LastDelivery(String deliveryId, String status, Integer responseCode, Instant at) {

    static LastDelivery of(DeliveryAttempt attempt) {
        return new LastDelivery(attempt.getDeliveryId(), attempt.getStatus().name(), attempt.getResponseCode(), attempt.getAttemptedAt());
    }
}
