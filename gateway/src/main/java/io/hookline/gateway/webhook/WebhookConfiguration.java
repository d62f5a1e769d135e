package io.hookline.gateway.webhook;

import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.deliverylog.DeliveryIndex;
import io.hookline.gateway.deliverylog.DeliveryLogReader;
import io.hookline.gateway.event.EventTypes;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.net.AddressPolicy;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook API: creation with verification, lifecycle, secrets, test sends. Reads the gateway's
 * webhooks view and the delivery-log index; writes webhooks and test deliveries.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookSettings.class)
public class WebhookConfiguration {

    @Bean
    WebhookController gatewayWebhookController(TopicView<Webhook> gatewayWebhooksView, GatewayPublisher publisher, SecretCipher cipher,
            EventTypes gatewayEventTypes, DeliverySettings delivery, JsonBodyReader bodies, ObjectProvider<Clock> clock,
            GatewayProperties properties, WebhookSettings settings, DeliveryIndex gatewayDeliveryIndex,
            DeliveryLogReader gatewayDeliveryLogReader, JsonMapper mapper) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        Webhooks webhooks = new Webhooks(gatewayWebhooksView, publisher, cipher, time, properties.writeTimeout());
        Verifier verifier = new Verifier(new TestDeliveries(publisher, time), gatewayDeliveryIndex, gatewayEventTypes, mapper,
                settings.verificationTimeout(), time);
        Mono<Void> deliveriesReady = Mono.fromFuture(gatewayDeliveryLogReader::caughtUp).timeout(properties.writeTimeout(),
                Mono.error(() -> new KafkaUnavailableException("delivery log not indexed within " + properties.writeTimeout())));
        return new WebhookController(webhooks, validator(gatewayEventTypes, delivery), verifier, gatewayDeliveryIndex, deliveriesReady,
                bodies, time);
    }

    @Bean
    WebhookLifecycleController gatewayWebhookLifecycleController(TopicView<Webhook> gatewayWebhooksView, GatewayPublisher publisher,
            SecretCipher cipher, EventTypes gatewayEventTypes, DeliverySettings delivery, JsonBodyReader bodies, ObjectProvider<Clock> clock,
            GatewayProperties properties, WebhookController gatewayWebhookController) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        return new WebhookLifecycleController(new Webhooks(gatewayWebhooksView, publisher, cipher, time, properties.writeTimeout()),
                validator(gatewayEventTypes, delivery), gatewayWebhookController, bodies, time);
    }

    @Bean
    WebhookActionsController gatewayWebhookActionsController(TopicView<Webhook> gatewayWebhooksView, GatewayPublisher publisher,
            SecretCipher cipher, EventTypes gatewayEventTypes, JsonBodyReader bodies, ObjectProvider<Clock> clock,
            GatewayProperties properties, WebhookSettings settings, WebhookController gatewayWebhookController, JsonMapper mapper) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        return new WebhookActionsController(new Webhooks(gatewayWebhooksView, publisher, cipher, time, properties.writeTimeout()),
                gatewayWebhookController, new TestDeliveries(publisher, time), gatewayEventTypes, cipher, bodies, mapper,
                settings.secretOverlap(), time);
    }

    @Bean
    FilterTestController gatewayFilterTestController(JsonBodyReader bodies) {
        return new FilterTestController(bodies);
    }

    private static WebhookRequestValidator validator(EventTypes catalog, DeliverySettings delivery) {
        UrlChecker urls = new UrlChecker(new AddressPolicy(delivery.allowedCidrs()), delivery.allowInsecureHttp(), HostResolver.DNS);
        return new WebhookRequestValidator(catalog, urls);
    }
}
