package io.hookline.gateway.webhook;

import io.hookline.gateway.deliverylog.DeliveryIndex;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookAction;
import io.hookline.schemas.crypto.SecretCipher;
import java.time.Clock;
import reactor.core.publisher.Mono;

/**
 * What the webhook controllers share: a webhook as the API shows it, and a verification that is run and
 * then recorded on the webhook. A bean of its own so that no controller depends on another (issue 16).
 */
final class WebhookViews {

    private final Webhooks webhooks;
    private final Verifier verifier;
    private final DeliveryIndex deliveries;
    private final SecretCipher cipher;
    private final Clock clock;

    WebhookViews(Webhooks webhooks, Verifier verifier, DeliveryIndex deliveries, SecretCipher cipher, Clock clock) {
        this.webhooks = webhooks;
        this.verifier = verifier;
        this.deliveries = deliveries;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Runs the verification and stores its result on the webhook as it is now (it may have changed meanwhile). */
    Mono<Webhook> verify(Webhook webhook) {
        return verifier.verify(webhook).flatMap(verification -> webhooks.update(webhook.getTenantId(), webhook.getId(),
                        WebhookAction.VERIFIED, command -> command.setVerification(verification))
                // deleted while we waited: nothing to record
                .onErrorResume(e -> e instanceof ApiException a && a.code() == ErrorCode.NOT_FOUND,
                        e -> Mono.just(Verifier.applied(webhook, verification))));
    }

    WebhookJson json(Webhook webhook) {
        return WebhookJson.from(webhook, cipher, deliveries, clock.instant());
    }
}
