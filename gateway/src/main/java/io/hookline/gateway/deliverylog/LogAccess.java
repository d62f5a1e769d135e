package io.hookline.gateway.deliverylog;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.kafka.CaughtUp;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.ApiException;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.states.WebhookStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * The webhook whose log a caller asks for: once the webhook view and the log index hold what was on
 * their topics at start-up, the caller team's webhook (deleted ones included), else 404.
 */
final class LogAccess {

    private final TopicView<Webhook> webhooks;
    private final DeliveryLogReader reader;
    private final Duration readyTimeout;

    LogAccess(TopicView<Webhook> webhooks, DeliveryLogReader reader, Duration readyTimeout) {
        this.webhooks = webhooks;
        this.reader = reader;
        this.readyTimeout = readyTimeout;
    }

    Mono<Webhook> webhook(Caller caller, String webhookId) {
        Mono<Void> caughtUp = CaughtUp.within(CompletableFuture.allOf(webhooks.caughtUp(), reader.caughtUp()), readyTimeout,
                "delivery log not indexed");
        return caughtUp.then(Mono.fromCallable(() -> webhooks.get(webhookId)
                .filter(w -> w.getTenantId().equals(caller.teamId()))
                .orElseThrow(ApiException::notFound)));
    }

    static boolean deleted(Webhook webhook) {
        return WebhookStatus.DELETED.is(webhook.getStatus());
    }
}
