package io.hookline.gateway.webhook;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.kafka.GatewayAdmin;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Cursor;
import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.states.WebhookStatus;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * A team's webhooks: written to the compacted {@code hookline.webhooks} topic (on the tenant's
 * partition, which the router relies on) and read from the gateway's own view of it. A write
 * completes only once the view has applied it, so the caller reads what it wrote. The gateway is the
 * topic's one writer: others ask it for changes ({@link WebhookCommands}), and every change is applied
 * to the webhook's current state, one at a time per webhook.
 */
final class Webhooks {

    static final String DELETED = WebhookStatus.DELETED.wire();
    static final String PENDING_VERIFICATION = WebhookStatus.PENDING_VERIFICATION.wire();
    static final String ACTIVE = WebhookStatus.ACTIVE.wire();
    static final String VERIFICATION_FAILED = WebhookStatus.VERIFICATION_FAILED.wire();
    static final String DISABLED = WebhookStatus.DISABLED.wire();

    private final TopicView<Webhook> view;
    private final GatewayPublisher publisher;
    private final GatewayAdmin admin;
    private final SecretCipher cipher;
    private final Clock clock;
    private final Duration writeTimeout;
    /** Per webhook, the completion of the newest change asked for: the next one waits for it. */
    private final ConcurrentMap<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();

    Webhooks(TopicView<Webhook> view, GatewayPublisher publisher, GatewayAdmin admin, SecretCipher cipher, Clock clock, Duration writeTimeout) {
        this.view = view;
        this.admin = admin;
        this.publisher = publisher;
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
                .setOrdering(request.ordering())
                .setFilter(request.filter())
                .setHeaders(request.headers())
                .setVerification(null)
                .build();
        return write(webhook);
    }

    /**
     * Applies a change to the team's webhook as it is now and stores the result; completes with it
     * once the view shows it ({@code 404} as {@link #require}). Changes to one webhook run one at a
     * time, each on what the one before it wrote, so concurrent requests and the deliverer's commands
     * never undo each other. A change that returns the webhook it was given writes nothing.
     */
    Mono<Webhook> update(String teamId, String id, UnaryOperator<Webhook> change) {
        return change(teamId, id, change).map(Change::after);
    }

    /** As {@link #update}, with the state the change was applied to, for the audit log. */
    Mono<Change> change(String teamId, String id, UnaryOperator<Webhook> change) {
        return oneAtATime(id, () -> require(teamId, id).flatMap(current -> {
            Webhook changed = change.apply(current);
            return changed == current ? Mono.just(new Change(current, current)) : write(changed).map(after -> new Change(current, after));
        }));
    }

    /** A webhook before and after a change; the same object twice when the change wrote nothing. */
    record Change(Webhook before, Webhook after) {

        boolean changed() {
            return before != after;
        }
    }

    /**
     * Deletes the team's webhook, after a check of it as it is now: first its state with status
     * {@code deleted} (so that every reader, the router included, sees why it went), then a tombstone
     * that lets compaction drop it. Completes with the webhook as it was.
     */
    Mono<Webhook> delete(String teamId, String id, Consumer<Webhook> check) {
        return oneAtATime(id, () -> require(teamId, id).flatMap(webhook -> {
            check.accept(webhook);
            Webhook deleted = Webhook.newBuilder(webhook).setStatus(DELETED).setEnabled(false).setUpdatedAt(clock.instant()).build();
            return write(deleted).then(send(webhook.getTenantId(), webhook.getId(), null)).thenReturn(webhook);
        }));
    }

    /**
     * Runs the work once every earlier work on the same webhook has finished (or been cancelled and
     * finished), so each reads what the one before it wrote.
     */
    private <T> Mono<T> oneAtATime(String id, Supplier<Mono<T>> work) {
        return Mono.defer(() -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            CompletableFuture<Void> before = Optional.ofNullable(running.put(id, done)).orElse(CompletableFuture.completedFuture(null));
            return Mono.fromFuture(before, true)
                    .then(Mono.defer(work))
                    .doFinally(signal -> before.whenComplete((v, e) -> {
                        running.remove(id, done);
                        done.complete(null);
                    }));
        });
    }

    /**
     * Completes once the view has read what the topic held at start-up (at once, after that), so
     * that reads right after a restart do not miss webhooks.
     */
    Mono<Void> ready() {
        return Mono.fromFuture(view::caughtUp)
                .timeout(writeTimeout, Mono.error(() -> new KafkaUnavailableException("webhooks view not caught up within " + writeTimeout)));
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
                .filter(w -> status.map(s -> s.equals(w.getStatus())).orElse(true))
                .filter(w -> after.map(c -> c.isBefore(cursorOf(w))).orElse(true))
                .sorted((a, b) -> Cursor.NEWEST_FIRST.compare(cursorOf(a), cursorOf(b)))
                .limit(limit + 1L)
                .toList();
        List<Webhook> page = matching.subList(0, Math.min(limit, matching.size()));
        String next = matching.size() > limit ? cursorOf(page.get(page.size() - 1)).encode() : null;
        return new WebhookPage(page.stream().map(toJson).toList(), next);
    }

    private Mono<Webhook> write(Webhook webhook) {
        return send(webhook.getTenantId(), webhook.getId(), webhook).thenReturn(webhook);
    }

    private Mono<Void> send(String tenantId, String webhookId, Webhook value) {
        int partition = TenantPartitioner.partitionFor(tenantId, Topics.WEBHOOKS.partitions());
        return publisher.send(Topics.WEBHOOKS, partition, webhookId, value)
                .flatMap(metadata -> Mono.fromFuture(() -> view.awaitOffset(metadata.partition(), metadata.offset(), writeTimeout)))
                .onErrorMap(TimeoutException.class, e -> new KafkaUnavailableException(
                        "webhook " + webhookId + " was written but the view did not show it within " + writeTimeout, e));
    }

    private static Cursor cursorOf(Webhook webhook) {
        return new Cursor(webhook.getCreatedAt(), webhook.getId());
    }

    record WebhookPage(List<WebhookJson> webhooks, String nextCursor) {
    }
}
