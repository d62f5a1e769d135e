package io.hookline.gateway.event;

import tools.jackson.databind.JsonNode;

/** One type of the event catalog, as {@code GET /v4/event-types} shows it. */
public record EventType(String type, String description, JsonNode schema, JsonNode sample) {
}
