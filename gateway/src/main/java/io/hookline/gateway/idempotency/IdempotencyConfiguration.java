package io.hookline.gateway.idempotency;

import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.ApiErrorHandler;
import io.hookline.schemas.avro.IdempotentResponse;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans of {@code Idempotency-Key}: the view of stored first responses and the filter that uses it. */
@Configuration(proxyBeanMethods = false)
public class IdempotencyConfiguration {

    /** As the gateway's other views: after topic creation, before the web server opens. */
    static final int VIEW_PHASE = SmartLifecycle.DEFAULT_PHASE - 9_000;

    @Bean
    TopicView<IdempotentResponse> gatewayIdempotencyView(KafkaConnection connection) {
        return new TopicView<>(Topics.IDEMPOTENCY, connection, "hookline-gateway-idempotency", VIEW_PHASE, IdempotencyStore::merge);
    }

    @Bean
    IdempotencyFilter gatewayIdempotencyFilter(TopicView<IdempotentResponse> gatewayIdempotencyView, GatewayPublisher publisher,
            SecretCipher cipher, ObjectProvider<Clock> clock, GatewayProperties properties, ApiErrorHandler errors) {
        IdempotencyStore store = new IdempotencyStore(gatewayIdempotencyView, publisher, cipher, clock.getIfUnique(Clock::systemUTC),
                properties.writeTimeout());
        return new IdempotencyFilter(store, properties.maxRequestSize(), errors);
    }
}
