package io.hookline.gateway.audit;

import io.hookline.schemas.avro.AuditEntry;
import io.hookline.schemas.avro.AuditResourceType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An audit entry as {@code GET /v4/audit-log} shows it; before and after are the redacted JSON as stored. */
record AuditEntryJson(String id, String at, ActorJson actor, String action, ResourceJson resource, String requestId, String reason,
        JsonNode before, JsonNode after) {

    static final Set<String> RESOURCE_TYPES = Arrays.stream(AuditResourceType.values()).map(AuditEntryJson::wire).collect(Collectors.toSet());

    static AuditEntryJson from(AuditEntry entry, JsonMapper mapper) {
        return new AuditEntryJson(entry.getEntryId(), entry.getAt().toString(),
                new ActorJson(lower(entry.getActorType().name()), entry.getActorId(),
                        entry.getActorRole() == null ? null : entry.getActorRole().name(), entry.getKeyId(),
                        lower(entry.getChannel().name())),
                lower(entry.getAction().name()), new ResourceJson(wire(entry.getResourceType()), entry.getResourceId()),
                entry.getRequestId(), entry.getReason(), tree(entry.getBefore(), mapper), tree(entry.getAfter(), mapper));
    }

    static String wire(AuditResourceType type) {
        return lower(type.name());
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static JsonNode tree(String json, JsonMapper mapper) {
        return json == null ? null : mapper.readTree(json);
    }

    /** Who: a user (with their role and the key they used) or a component ({@code system}). */
    record ActorJson(String type, String id, String role, String keyId, String via) {
    }

    /** What was changed. */
    record ResourceJson(String type, String id) {
    }
}
