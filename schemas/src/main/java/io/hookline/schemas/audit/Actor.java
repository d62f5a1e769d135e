package io.hookline.schemas.audit;

import io.hookline.schemas.avro.AuditActorType;
import io.hookline.schemas.avro.AuditChannel;
import io.hookline.schemas.principal.Role;

/**
 * Who made a change, as the audit log records it: a user through the API (with the key they used) or
 * the console (their session), or a component through a command on a topic or the {@code hookline} CLI (with its
 * reason). The gateway makes the user's from its request; every writer of hookline.audit-log shares this shape.
 *
 * @param role     the user's role; null for a component
 * @param keyId    the API key's id ({@code /v4/api-keys/{id}}: a user has one key, named by the user id); null otherwise
 * @param requestId the request's {@code X-Request-Id}, or the command's id
 * @param reason   why, when a component acted; null for people
 */
public record Actor(AuditActorType type, String id, Role role, String keyId, AuditChannel channel, String requestId, String reason) {

    /** A component that asked for a change on a topic, e.g. the deliverer disabling a webhook after 410 Gone. */
    public static Actor system(String component, String commandId, String reason) {
        return new Actor(AuditActorType.SYSTEM, component, null, null, AuditChannel.COMMAND, commandId, reason);
    }

    /** The {@code hookline} CLI, run by an operator on the cluster's host: a component acting through a command. */
    public static Actor cli(String runId, String command) {
        return system("cli", runId, command);
    }
}
