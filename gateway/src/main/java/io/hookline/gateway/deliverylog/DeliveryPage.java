package io.hookline.gateway.deliverylog;

import java.util.List;

/**
 * One page of a webhook's deliveries (the API's envelope for a list, and one field more).
 *
 * @param pendingIncomplete whether the read of the deliverer's backlog stopped at its bound (or Kafka did
 *                          not answer it): deliveries queued beyond it are not in the list yet
 */
public record DeliveryPage(boolean success, List<DeliveryJson.Row> data, String nextCursor, boolean pendingIncomplete) {
}
