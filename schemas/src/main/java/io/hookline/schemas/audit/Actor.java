package io.hookline.gateway.audit;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.web.ApiPaths;
import io.hookline.schemas.avro.AuditActorType;
import io.hookline.schemas.avro.AuditChannel;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who made a change, as the audit log records it: a user through the API (with the key they used) or
 * the console (their session), or a component through a command on a topic (with its reason).
 *
 * @param role     owner | admin | member; null for a component
 * @param keyId    the API key's id ({@code /v4/api-keys/{id}}: a user has one key, named by the user id); null otherwise
 * @param requestId the request's {@code X-Request-Id}, or the command's id
 * @param reason   why, when a component acted; null for people
 */
public record Actor(AuditActorType type, String id, String role, String keyId, AuditChannel channel, String requestId, String reason) {

    /** The caller of this request: through {@code /v4} with an API key, else through the console (or a portal link). */
    public static Actor of(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        boolean api = ApiPaths.isApi(exchange);
        return new Actor(AuditActorType.USER, caller.userId(), caller.role().wire(), api ? caller.userId() : null,
                api ? AuditChannel.API : AuditChannel.CONSOLE, RequestIds.of(exchange), null);
    }

    /** A component that asked for a change on a topic, e.g. the deliverer disabling a webhook after 410 Gone. */
    public static Actor system(String component, String commandId, String reason) {
        return new Actor(AuditActorType.SYSTEM, component, null, null, AuditChannel.COMMAND, commandId, reason);
    }
}
