package io.hookline.schemas.filter;

import tools.jackson.databind.JsonNode;

/**
 * An event as a payload filter sees it: the paths {@code type}, {@code tenant_id} and {@code data.…}.
 *
 * @param data the event's data object, parsed
 */
public record FilterEvent(String type, String tenantId, JsonNode data) {
}
