package io.hookline.gateway.webhook;

import io.hookline.gateway.owner.Decision;
import io.hookline.gateway.owner.OwnedKind;
import io.hookline.gateway.owner.OwnedState;
import io.hookline.gateway.owner.Reply;
import io.hookline.schemas.audit.Actor;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.avro.CommandResult;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookAction;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.avro.WebhookOutcome;
import io.hookline.schemas.avro.WebhookOutcomeResult;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topic;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks as a kind with one writer ({@link io.hookline.gateway.owner}): commands on the tenant's partition of
 * {@code hookline.webhook-commands}, applied by {@link Applied} to the same partition of {@code hookline.webhooks}.
 * What webhooks add to the generic owner: a deletion writes the {@code deleted} state before the tombstone (so
 * every reader, the router included, sees why it went), and the owner writes the audit entry of the
 * deliverer's disables (the API's are written by the gateway that was asked).
 */
final class WebhookKind implements OwnedKind<WebhookCommand, Webhook, WebhookOutcome> {

    private static final Logger log = LoggerFactory.getLogger(WebhookKind.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final WebhookAudit audit;
    private final Duration auditTimeout;

    WebhookKind(WebhookAudit audit, Duration auditTimeout) {
        this.audit = audit;
        this.auditTimeout = auditTimeout;
    }

    @Override
    public Decision<Webhook> apply(WebhookCommand command, OwnedState<Webhook> state) {
        Applied applied = Applied.of(command, state.get(command.getWebhookId()));
        if (applied instanceof Applied.Written w) {
            return new Decision.Written<>(w.before(), w.after());
        }
        if (applied instanceof Applied.Unchanged u) {
            return new Decision.Unchanged<>(u.current());
        }
        Applied.Refused r = (Applied.Refused) applied;
        return new Decision.Refused<>(CommandResult.valueOf(r.result().name()), r.message());
    }

    @Override
    public List<Webhook> records(WebhookCommand command, Decision.Written<Webhook> written) {
        if (written.after() != null) {
            return List.of(written.after());
        }
        Webhook deleted = Webhook.newBuilder(written.before()).setStatus(Webhooks.DELETED).setEnabled(false)
                .setUpdatedAt(command.getIssuedAt()).build();
        return Arrays.asList(deleted, null);
    }

    @Override
    public WebhookOutcome outcome(WebhookCommand command, Decision<Webhook> decision, int partition, long offset) {
        WebhookOutcome.Builder outcome = WebhookOutcome.newBuilder().setCommandId(command.getCommandId())
                .setWebhookId(command.getWebhookId()).setTenantId(command.getTenantId()).setPartition(partition).setOffset(offset);
        if (decision instanceof Decision.Written<Webhook> w) {
            return outcome.setResult(WebhookOutcomeResult.APPLIED).setBefore(w.before()).setAfter(w.after()).build();
        }
        if (decision instanceof Decision.Unchanged<Webhook> u) {
            return outcome.setResult(WebhookOutcomeResult.UNCHANGED).setBefore(u.current()).setAfter(u.current()).build();
        }
        Decision.Refused<Webhook> r = (Decision.Refused<Webhook>) decision;
        return outcome.setResult(WebhookOutcomeResult.valueOf(r.result().name())).setMessage(r.message()).build();
    }

    @Override
    public Reply<Webhook> reply(WebhookOutcome o) {
        return new Reply<>(CommandResult.valueOf(o.getResult().name()), o.getMessage(), o.getBefore(), o.getAfter(), o.getPartition(),
                o.getOffset());
    }

    /**
     * Writes the audit entry of a component's disable, trying again while Kafka refuses it: the change is
     * applied, and a repeat of the command would find nothing to do, so the entry must not be left to one. Only
     * a stop ends the trying, and then the entry is logged at ERROR (as the API's AuditLog does).
     */
    @Override
    public void applied(WebhookCommand command, Decision<Webhook> decision, BooleanSupplier running) {
        if (command.getAction() != WebhookAction.DISABLE || !(decision instanceof Decision.Written<Webhook> written)) {
            return;
        }
        Actor actor = Actor.system(command.getIssuedBy(), command.getCommandId(), command.getReason());
        Webhooks.Change change = new Webhooks.Change(written.before(), written.after(), true);
        while (true) {
            try {
                audit.changed(actor, AuditAction.DISABLE, change).block(auditTimeout);
                return;
            } catch (RuntimeException e) {
                if (!running.getAsBoolean()) {
                    log.error("AUDIT ENTRY NOT WRITTEN for {} of webhook {} by {} ({}): stopping", command.getAction(), command.getWebhookId(),
                            command.getIssuedBy(), command.getReason(), e);
                    return;
                }
                log.warn("Could not write the audit entry of {} to webhook {} now, trying again: {}", command.getAction(),
                        command.getWebhookId(), e.toString());
                try {
                    Thread.sleep(RETRY.toMillis()); // a back-off while Kafka is unavailable, not a synchronization
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public String describe(WebhookCommand command) {
        return command.getAction() + " asked by " + command.getIssuedBy() + (command.getReason() == null ? "" : " (" + command.getReason() + ")");
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Topic<String, WebhookCommand> commands() {
        return Topics.WEBHOOK_COMMANDS;
    }

    @Override
    public Topic<String, Webhook> states() {
        return Topics.WEBHOOKS;
    }

    @Override
    public Topic<String, WebhookOutcome> outcomes() {
        return Topics.WEBHOOK_OUTCOMES;
    }

    @Override
    public Topic<String, byte[]> deadLetters() {
        return Topics.WEBHOOK_COMMANDS_DLQ;
    }

    @Override
    public String commandId(WebhookCommand command) {
        return command.getCommandId();
    }

    @Override
    public String key(WebhookCommand command) {
        return command.getWebhookId();
    }

    @Override
    public String keyOf(Webhook state) {
        return state.getId();
    }

    @Override
    public int partition(WebhookCommand command) {
        return TenantPartitioner.partitionFor(command.getTenantId(), Topics.WEBHOOK_COMMANDS.partitions());
    }

    @Override
    public String outcomeCommandId(WebhookOutcome outcome) {
        return outcome.getCommandId();
    }
}
