package io.hookline.gateway.audit;

import io.hookline.schemas.avro.AuditEntry;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code GET /v4/audit-log} asks for: entries in [from, to), by an actor (a user id or a component),
 * about a resource (its type such as {@code webhook}, or its id), at most {@code limit} of them, older than
 * the cursor's position.
 */
record AuditQuery(Optional<Instant> from, Optional<Instant> to, Optional<String> actor, Optional<String> resource, int limit,
        OptionalLong before) {

    boolean matches(AuditEntry entry) {
        return from.map(f -> !entry.getAt().isBefore(f)).orElse(true)
                && to.map(t -> entry.getAt().isBefore(t)).orElse(true)
                && actor.map(a -> a.equals(entry.getActorId())).orElse(true)
                && resource.map(r -> r.equals(entry.getResourceId()) || r.equals(AuditEntryJson.wire(entry.getResourceType()))).orElse(true);
    }

    /** Resource types as the API writes them. */
    static boolean isResourceType(String text) {
        return text.equals(text.toLowerCase(Locale.ROOT)) && AuditEntryJson.RESOURCE_TYPES.contains(text);
    }
}
