package io.hookline.schemas.audit;

import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.avro.AuditEntry;
import io.hookline.schemas.avro.AuditResourceType;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the entries of {@code hookline.audit-log}, for every writer (the gateway, the CLI), so that all of them
 * have one shape: a new {@code aud_…} id, the time from the clock, before and after as redacted JSON
 * ({@link Redaction}), on the team's partition ({@link #partitionOf}). Writers only send what this builds.
 */
public final class AuditEntries {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JsonMapper mapper;
    private final Clock clock;

    public AuditEntries(JsonMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * An entry for a change (or audited read) of a team's resource.
     *
     * @param before the resource's public representation before (any object Jackson writes), or null
     * @param after  the same after, or null
     */
    public AuditEntry entry(Actor actor, String teamId, AuditAction action, AuditResourceType type, String resourceId, Object before,
            Object after) {
        byte[] id = new byte[10];
        RANDOM.nextBytes(id);
        return AuditEntry.newBuilder()
                .setEntryId("aud_" + HexFormat.of().formatHex(id))
                .setTeamId(teamId)
                .setAt(clock.instant())
                .setActorType(actor.type())
                .setActorId(actor.id())
                .setActorRole(actor.role() == null ? null : actor.role().symbol())
                .setKeyId(actor.keyId())
                .setChannel(actor.channel())
                .setRequestId(actor.requestId())
                .setAction(action)
                .setResourceType(type)
                .setResourceId(resourceId)
                .setReason(actor.reason())
                .setBefore(json(before))
                .setAfter(json(after))
                .build();
    }

    /** The partition of hookline.audit-log an entry goes to: its team's, so a team's entries stay in order. */
    public static int partitionOf(AuditEntry entry) {
        return TenantPartitioner.partitionFor(entry.getTeamId(), Topics.AUDIT_LOG.partitions());
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        JsonNode tree = value instanceof JsonNode node ? node : mapper.valueToTree(value);
        return tree.isNull() ? null : mapper.writeValueAsString(Redaction.redact(tree));
    }
}
