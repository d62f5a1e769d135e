package io.hookline.gateway.event;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A validated event from {@code POST /v4/events}, with its id and timestamp filled in. */
record NewEvent(String id, String type, Instant timestamp, JsonNode data) {
}
