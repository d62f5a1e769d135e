package io.hookline.gateway.webhook;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Cursor;
import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A team's webhooks: written to the compacted {@code hookline.webhooks} topic (on the tenant's
 * partition, which the router relies on) and read from the gateway's own view of it. A write
 * completes only once the view has applied it, so the caller reads what it wrote.
 */
final class Webhooks {

    static final String DELETED = "deleted";
    static final String PENDING_VERIFICATION = "pending_verification";
    static final String ACTIVE = "active";
    static final String VERIFICATION_FAILED = "verification_failed";
    static final String DISABLED = "disabled";

    private final TopicView<Webhook> view;
    private final GatewayPublisher publisher;
    private final SecretCipher cipher;
    private final Clock clock;
    private final Duration writeTimeout;

    Webhooks(TopicView<Webhook> view, GatewayPublisher publisher, SecretCipher cipher, Clock clock, Duration writeTimeout) {
        this.view = view;
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

    /** Stores a changed webhook; completes with it once the view shows it. */
    Mono<Webhook> save(Webhook webhook) {
        return write(webhook);
    }

    /**
     * Deletes a webhook: first its state with status {@code deleted} (so that every reader, the router
     * included, sees why it went), then a tombstone that lets compaction drop it.
     */
    Mono<Void> delete(Webhook webhook) {
        Webhook deleted = Webhook.newBuilder(webhook).setStatus(DELETED).setEnabled(false).setUpdatedAt(clock.instant()).build();
        return write(deleted).then(send(webhook.getTenantId(), webhook.getId(), null)).then();
    }

    /**
     * Completes once the view has read what the topic held at start-up (at once, after that), so
     * that reads right after a restart do not miss webhooks.
     */
    Mono<Void> ready() {
        return Mono.fromFuture(view::caughtUp)
                .timeout(writeTimeout, Mono.error(() -> new KafkaUnavailableException("webhooks view not caught up within " + writeTimeout)));
    }

    /** The team's webhook, once the view is ready; 404 for unknown, deleted and other teams' webhooks alike. */
    Mono<Webhook> require(String teamId, String id) {
        return ready().then(Mono.fromCallable(() -> find(teamId, id).orElseThrow(ApiException::notFound)));
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
