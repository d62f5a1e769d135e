package io.hookline.gateway.webhook;

import io.hookline.gateway.deliverylog.DeliveryIndex;
import io.hookline.gateway.event.EventType;
import io.hookline.gateway.event.EventTypes;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.Verification;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import io.hookline.schemas.states.ReservedEventTypes;
import io.hookline.schemas.states.VerificationStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies an endpoint: sends it the {@code webhook.test} sample through the normal delivery path and
 * waits (up to the configured time) for the first attempt to appear on the delivery log.
 */
final class Verifier {

    static final String TEST_TYPE = ReservedEventTypes.TEST;
    private static final Logger log = LoggerFactory.getLogger(Verifier.class);

    private final TestDeliveries deliveries;
    private final DeliveryIndex index;
    private final EventTypes catalog;
    private final JsonMapper mapper;
    private final Duration wait;
    private final Clock clock;

    Verifier(TestDeliveries deliveries, DeliveryIndex index, EventTypes catalog, JsonMapper mapper, Duration wait, Clock clock) {
        this.deliveries = deliveries;
        this.index = index;
        this.catalog = catalog;
        this.mapper = mapper;
        this.wait = wait;
        this.clock = clock;
    }

    /** The verification's result; never fails for the endpoint's sake, only when Kafka cannot take the task. */
    Mono<Verification> verify(Webhook webhook) {
        EventType test = catalog.type(webhook.getTenantId(), TEST_TYPE)
                .orElseThrow(() -> new IllegalStateException("the catalog has no " + TEST_TYPE));
        String data = mapper.writeValueAsString(test.sample());
        return deliveries.send(webhook, TEST_TYPE, data)
                .flatMap(deliveryId -> Mono.fromFuture(() -> index.awaitFirstAttempt(deliveryId))
                        // the attempt arrives on the index's (Kafka Streams) thread: carry on elsewhere
                        .publishOn(Schedulers.parallel())
                        .map(Verifier::result)
                        .timeout(wait, Mono.fromSupplier(() -> {
                            index.forget(deliveryId);
                            return Optional.of(VerificationErrors.timedOut(wait));
                        }))
                        .doOnNext(error -> log.info("Verification of {} ({}): {}", webhook.getId(), deliveryId, error.orElse(VerificationStatus.SUCCEEDED.wire()))))
                .map(error -> new Verification((error.isEmpty() ? VerificationStatus.SUCCEEDED : VerificationStatus.FAILED).symbol(), clock.instant(), error.orElse(null)));
    }

    private static Optional<String> result(DeliveryAttempt attempt) {
        return VerificationErrors.of(attempt);
    }

    /** The webhook after a verification: its status follows, unless someone disabled it meanwhile. */
    static Webhook applied(Webhook current, Verification verification) {
        Webhook.Builder updated = Webhook.newBuilder(current).setVerification(verification).setUpdatedAt(verification.getCheckedAt());
        if (current.getEnabled()) {
            updated.setStatus(VerificationStatus.SUCCEEDED.is(verification.getStatus()) ? Webhooks.ACTIVE : Webhooks.VERIFICATION_FAILED);
        }
        return updated.build();
    }

    /** A webhook's status when enabled again: what its last verification said. */
    static WebhookStatusSymbol statusWhenEnabled(Webhook webhook) {
        Verification verification = webhook.getVerification();
        if (verification == null) {
            return Webhooks.PENDING_VERIFICATION;
        }
        return VerificationStatus.SUCCEEDED.is(verification.getStatus()) ? Webhooks.ACTIVE : Webhooks.VERIFICATION_FAILED;
    }
}
