package io.hookline.gateway.webhook;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.kafka.GatewayAdmin;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.owner.Commander;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Cursor;
import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.CommandResult;
import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import io.hookline.schemas.avro.WebhookAction;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.avro.WebhookOutcome;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.states.WebhookStatus;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A team's webhooks: read from the gateway's own view of the compacted {@code hookline.webhooks}; changed
 * by commands ({@code hookline.webhook-commands}, on the tenant's partition) that the gateway instance
 * owning that partition applies ({@link WebhookKind}, {@link io.hookline.gateway.owner.OwnerLoop}), whichever gateway was asked. A change completes
 * once the owner's outcome is back and this gateway's view shows what it wrote, so the caller reads what
 * it wrote; a refusal by the webhook's state (deleted meanwhile) comes back as the API's {@code 404}.
 */
final class Webhooks {

    static final WebhookStatusSymbol DELETED = WebhookStatus.DELETED.symbol();
    static final WebhookStatusSymbol PENDING_VERIFICATION = WebhookStatus.PENDING_VERIFICATION.symbol();
    static final WebhookStatusSymbol ACTIVE = WebhookStatus.ACTIVE.symbol();
    static final WebhookStatusSymbol VERIFICATION_FAILED = WebhookStatus.VERIFICATION_FAILED.symbol();
    static final WebhookStatusSymbol DISABLED = WebhookStatus.DISABLED.symbol();
    static final String ISSUED_BY = "gateway";

    private final TopicView<Webhook> view;
    private final Commander<WebhookCommand, Webhook, WebhookOutcome> commander;
    private final GatewayAdmin admin;
    private final SecretCipher cipher;
    private final Clock clock;
    private final Duration writeTimeout;

    Webhooks(TopicView<Webhook> view, Commander<WebhookCommand, Webhook, WebhookOutcome> commander, GatewayAdmin admin, SecretCipher cipher,
            Clock clock, Duration writeTimeout) {
        this.view = view;
        this.admin = admin;
        this.commander = commander;
        this.cipher = cipher;
        this.clock = clock;
        this.writeTimeout = writeTimeout;
    }

    /** Stores a new webhook, pending verification; completes with it once the view shows it. */
    Mono<Webhook> create(Caller caller, NewWebhook request, String plaintextSecret) {
        Instant now = clock.instant();
        Webhook webhook = Webhook.newBuilder()
                .setId(Ids.random(Ids.WEBHOOK))
                .setTenantId(caller.teamId())
                .setUrl(request.url())
                .setEvents(request.events())
                .setDescription(request.description())
                .setStatus(PENDING_VERIFICATION)
                .setEnabled(true)
                .setDisabledReason(null)
                .setCreatedAt(now)
                .setUpdatedAt(now)
                .setSecrets(List.of(new SigningSecret(cipher.encrypt(plaintextSecret), now, null)))
                .setSendPlaintextSecret(request.sendPlaintextSecret())
                .setRetryPolicy(request.retryPolicy().toAvro())
                .setRateLimitPerSecond(request.rateLimitPerSecond())
                .setOrdering(request.ordering().symbol())
                .setFilter(request.filter())
                .setHeaders(HeaderValues.sealed(request.headers(), cipher))
                .setHeaderValuesEncrypted(true)
                .setVerification(null)
                .build();
        return change(webhook.getTenantId(), webhook.getId(), WebhookAction.CREATE, now, command -> command.setWebhook(webhook))
                .map(Change::after);
    }

    /** As {@link #change}, completing with the webhook after it. */
    Mono<Webhook> update(String teamId, String id, WebhookAction action, Consumer<WebhookCommand.Builder> fields) {
        return change(teamId, id, action, clock.instant(), fields).map(Change::after);
    }

    /** As {@link #change} at this instant. */
    Mono<Change> change(String teamId, String id, WebhookAction action, Consumer<WebhookCommand.Builder> fields) {
        return change(teamId, id, action, clock.instant(), fields);
    }

    /**
     * Asks the owner of the team's partition to apply this command to the webhook as it is then (see
     * {@link Applied}); completes with the states before and after once this gateway's view shows the
     * result. {@code 404} when the webhook is not the team's or is gone, {@code 503} when Kafka does not
     * answer within the write timeout.
     */
    Mono<Change> change(String teamId, String id, WebhookAction action, Instant at, Consumer<WebhookCommand.Builder> fields) {
        WebhookCommand.Builder builder = WebhookCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setWebhookId(id)
                .setTenantId(teamId).setAction(action).setIssuedBy(ISSUED_BY).setIssuedAt(at);
        fields.accept(builder);
        // the commander waits for the outcome and for this view to show what it wrote; refusals come back as the API's
        return commander.ask(builder.build()).flatMap(reply -> reply.result() == CommandResult.UNCHANGED
                ? caughtUpToNow(teamId).thenReturn(new Change(reply.before(), reply.before(), false))
                : Mono.just(new Change(reply.before(), reply.after(), true)));
    }

    /** A webhook before and after a change, and whether the change wrote anything; after is null once deleted. */
    record Change(Webhook before, Webhook after, boolean changed) {
    }

    /**
     * Deletes the team's webhook, after a check of it as this gateway sees it: its owner writes first its
     * state with status {@code deleted} (so that every reader, the router included, sees why it went),
     * then a tombstone that lets compaction drop it. Completes with the webhook as it was.
     */
    Mono<Webhook> delete(String teamId, String id, Consumer<Webhook> check) {
        return require(teamId, id).doOnNext(check).then(change(teamId, id, WebhookAction.DELETE, command -> {
        })).map(Change::before);
    }

    /**
     * Completes once the view has read what the topic held at start-up (at once, after that), so
     * that reads right after a restart do not miss webhooks.
     */
    Mono<Void> ready() {
        return commander.ready();
    }

    /**
     * The team's webhook, once the view is ready; 404 for unknown, deleted and other teams' webhooks
     * alike. One this gateway has not seen is looked for again once the view has read what the team's
     * partition holds now: it may have been created through another gateway a moment ago.
     */
    Mono<Webhook> require(String teamId, String id) {
        return ready().then(Mono.defer(() -> find(teamId, id).map(Mono::just)
                .orElseGet(() -> caughtUpToNow(teamId).then(Mono.fromCallable(() -> find(teamId, id).orElseThrow(ApiException::notFound))))));
    }

    /**
     * Completes once the view has read everything on the team's partition when this was called, so a
     * caller sees what any gateway wrote for the team before it asked (read-your-writes across instances).
     */
    Mono<Void> caughtUpToNow(String teamId) {
        int partition = TenantPartitioner.partitionFor(teamId, Topics.WEBHOOKS.partitions());
        return Mono.fromFuture(() -> admin.endOffset(Topics.WEBHOOKS.name(), partition))
                .flatMap(end -> end == 0 ? Mono.<Void>empty() : Mono.fromFuture(() -> view.awaitOffset(partition, end - 1, writeTimeout)))
                .timeout(writeTimeout)
                .onErrorMap(e -> !(e instanceof KafkaUnavailableException),
                        e -> new KafkaUnavailableException("webhooks view not caught up with the team's partition within " + writeTimeout, e));
    }

    /** The team's webhook; empty for unknown, deleted and other teams' webhooks alike. */
    Optional<Webhook> find(String teamId, String id) {
        return view.get(id).filter(w -> w.getTenantId().equals(teamId) && !DELETED.equals(w.getStatus()));
    }

    /** One page of the team's webhooks, newest first, after the cursor if there is one. */
    WebhookPage list(String teamId, Optional<String> status, int limit, Optional<Cursor> after, Function<Webhook, WebhookJson> toJson) {
        List<Webhook> matching = view.values().stream()
                .filter(w -> w.getTenantId().equals(teamId) && !DELETED.equals(w.getStatus()))
                .filter(w -> status.map(s -> s.equals(w.getStatus().name())).orElse(true))
                .filter(w -> after.map(c -> c.isBefore(cursorOf(w))).orElse(true))
                .sorted((a, b) -> Cursor.NEWEST_FIRST.compare(cursorOf(a), cursorOf(b)))
                .limit(limit + 1L)
                .toList();
        List<Webhook> page = matching.subList(0, Math.min(limit, matching.size()));
        String next = matching.size() > limit ? cursorOf(page.get(page.size() - 1)).encode() : null;
        return new WebhookPage(page.stream().map(toJson).toList(), next);
    }

    private static Cursor cursorOf(Webhook webhook) {
        return new Cursor(webhook.getCreatedAt(), webhook.getId());
    }

    record WebhookPage(List<WebhookJson> webhooks, String nextCursor) {
    }
}
