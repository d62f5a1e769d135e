package io.hookline.router.routing;

import java.time.Instant;

/**
 * An event read from {@code hookline.events}, whichever encoding it came in.
 *
 * @param data the event's data object as compact JSON
 */
record IncomingEvent(String id, String tenantId, String type, Instant timestamp, String data) {
}
