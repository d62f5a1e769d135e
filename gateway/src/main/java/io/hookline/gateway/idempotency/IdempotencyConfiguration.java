package io.hookline.gateway.idempotency;

import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.ApiErrorHandler;
import io.hookline.kafka.LifecyclePhases;
import io.hookline.schemas.avro.IdempotentResponse;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans of {@code Idempotency-Key}: the view of stored first responses and the filter that uses it. */
@Configuration(proxyBeanMethods = false)
public class IdempotencyConfiguration {

    /** As the gateway's other views: after topic creation, before the web server opens. */
    static final int VIEW_PHASE = LifecyclePhases.VIEWS;

    @Bean
    ClaimOutcomes gatewayIdempotencyClaimOutcomes(ObjectProvider<Clock> clock) {
        return new ClaimOutcomes(clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    TopicView<IdempotentResponse> gatewayIdempotencyView(KafkaConnection connection, ClaimOutcomes gatewayIdempotencyClaimOutcomes) {
        return new TopicView<>(Topics.IDEMPOTENCY, connection, "hookline-gateway-idempotency", VIEW_PHASE, gatewayIdempotencyClaimOutcomes);
    }

    @Bean
    IdempotencyFilter gatewayIdempotencyFilter(TopicView<IdempotentResponse> gatewayIdempotencyView, ClaimOutcomes gatewayIdempotencyClaimOutcomes,
            GatewayPublisher publisher, SecretCipher cipher, ObjectProvider<Clock> clock, GatewayProperties properties, ApiErrorHandler errors) {
        IdempotencyLog log = new TopicIdempotencyLog(gatewayIdempotencyView, publisher, properties.writeTimeout());
        IdempotencyStore store = new IdempotencyStore(log, gatewayIdempotencyClaimOutcomes, cipher, clock.getIfUnique(Clock::systemUTC));
        return new IdempotencyFilter(store, properties.maxRequestSize(), errors);
    }
}
