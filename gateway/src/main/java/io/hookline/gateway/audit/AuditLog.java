package io.hookline.gateway.audit;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ApiPaths;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.schemas.audit.Actor;
import io.hookline.schemas.audit.AuditEntries;
import io.hookline.schemas.audit.Redaction;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.avro.AuditActorType;
import io.hookline.schemas.avro.AuditChannel;
import io.hookline.schemas.avro.AuditEntry;
import io.hookline.schemas.avro.AuditResourceType;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes audit entries to {@code hookline.audit-log}, made by {@link AuditEntries} (on the team's partition,
 * redacted by {@link Redaction}), and completes once the cluster acknowledged the entry (acks=all).
 *
 * <p>The rule (README, "Audit log"): a change is written first, its entry right after, and the client
 * is answered only once both are acknowledged. The entry records the state the change really wrote, which
 * is known only once it is applied to the resource as it is then. An audited read (a secret's reveal)
 * is written first, and the secret is shown only once its entry is acknowledged. When an entry cannot be
 * written (after the producer's own retries), the client gets {@code 503 audit_unavailable}, saying
 * whether the change was applied, and the gateway logs the whole (redacted) entry at ERROR, so an
 * operator can see what is missing: never a change without its entry in silence.
 */
public final class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final GatewayPublisher publisher;
    private final AuditEntries entries;

    public AuditLog(GatewayPublisher publisher, JsonMapper mapper, Clock clock) {
        this.publisher = publisher;
        this.entries = new AuditEntries(mapper, clock);
    }

    /**
     * Records a change the caller of this request made to their team's resource.
     *
     * @param before the resource's public representation before (any object Jackson writes), or null
     * @param after  the same after, or null
     */
    public Mono<Void> changed(ServerWebExchange exchange, AuditAction action, AuditResourceType type, String resourceId,
            Object before, Object after) {
        return Mono.defer(() -> write(entry(caller(exchange), Caller.of(exchange).teamId(), action, type, resourceId, before, after), true));
    }

    /** Records an audited read: the answer may be sent only once this completes. */
    public Mono<Void> read(ServerWebExchange exchange, AuditAction action, AuditResourceType type, String resourceId, Object shown) {
        return Mono.defer(() -> write(entry(caller(exchange), Caller.of(exchange).teamId(), action, type, resourceId, null, shown), false));
    }

    /** Records a change a component asked for; the caller retries it while it fails. */
    public Mono<Void> changed(Actor actor, String teamId, AuditAction action, AuditResourceType type, String resourceId,
            Object before, Object after) {
        return Mono.defer(() -> write(entry(actor, teamId, action, type, resourceId, before, after), true));
    }

    AuditEntry entry(Actor actor, String teamId, AuditAction action, AuditResourceType type, String resourceId, Object before,
            Object after) {
        return entries.entry(actor, teamId, action, type, resourceId, before, after);
    }

    /** The caller of this request: through {@code /v4} with an API key, else through the console (or a portal link). */
    static Actor caller(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        boolean api = ApiPaths.isApi(exchange);
        return new Actor(AuditActorType.USER, caller.userId(), caller.role(), api ? caller.userId() : null,
                api ? AuditChannel.API : AuditChannel.CONSOLE, RequestIds.of(exchange), null);
    }

    private Mono<Void> write(AuditEntry entry, boolean changeApplied) {
        return publisher.send(Topics.AUDIT_LOG, AuditEntries.partitionOf(entry), entry.getTeamId(), entry)
                .onErrorMap(e -> {
                    log.error("AUDIT ENTRY NOT WRITTEN ({}): {}", changeApplied ? "the change was applied" : "nothing was shown", entry, e);
                    return new ApiException(ErrorCode.AUDIT_UNAVAILABLE, changeApplied
                            ? "The change was applied, but its audit entry could not be written; the gateway logged it. Check before retrying."
                            : "The audit log is unavailable, so nothing audited can be shown; retry later.");
                })
                .then();
    }
}
