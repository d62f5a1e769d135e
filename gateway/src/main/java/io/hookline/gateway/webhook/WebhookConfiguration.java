package io.hookline.gateway.webhook;

import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.audit.AuditLog;
import io.hookline.gateway.deliverylog.DeliveryIndex;
import io.hookline.gateway.deliverylog.DeliveryLogReader;
import io.hookline.gateway.event.EventTypes;
import io.hookline.gateway.kafka.GatewayAdmin;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.kafka.DeliveryUrlPolicy;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.net.AddressPolicy;
import io.hookline.schemas.topics.KafkaConnection;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
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

    /** After the views it reads (and the webhooks' own), before the HTTP server takes requests. */
    static final int COMMANDS_PHASE = SmartLifecycle.DEFAULT_PHASE - 8_500;

    /** The one writer of hookline.webhooks in this gateway: every change to a webhook goes through it. */
    @Bean
    Webhooks gatewayWebhooks(TopicView<Webhook> gatewayWebhooksView, GatewayPublisher publisher, GatewayAdmin gatewayAdmin,
            WebhookOutcomes gatewayWebhookOutcomes, SecretCipher cipher, ObjectProvider<Clock> clock, GatewayProperties properties) {
        return new Webhooks(gatewayWebhooksView, publisher, gatewayAdmin, gatewayWebhookOutcomes, cipher, clock.getIfUnique(Clock::systemUTC),
                properties.writeTimeout());
    }

    /** The answers to this gateway's commands; positioned before the HTTP server takes requests. */
    @Bean
    WebhookOutcomes gatewayWebhookOutcomes(KafkaConnection connection) {
        return new WebhookOutcomes(connection, COMMANDS_PHASE);
    }

    @Bean
    WebhookAudit gatewayWebhookAudit(AuditLog gatewayAuditLog, DeliveryIndex gatewayDeliveryIndex, JsonMapper mapper, ObjectProvider<Clock> clock,
            SecretCipher cipher) {
        return new WebhookAudit(gatewayAuditLog, gatewayDeliveryIndex, mapper, clock.getIfUnique(Clock::systemUTC), cipher);
    }

    @Bean
    WebhookCommands gatewayWebhookCommands(KafkaConnection connection, TopicView<Webhook> gatewayWebhooksView, GatewayAdmin gatewayAdmin,
            GatewayPublisher publisher, GatewayProperties properties, WebhookAudit gatewayWebhookAudit) {
        return new WebhookCommands(connection, gatewayWebhooksView, gatewayAdmin, publisher, properties.writeTimeout().multipliedBy(2),
                COMMANDS_PHASE, gatewayWebhookAudit);
    }

    @Bean
    WebhookController gatewayWebhookController(Webhooks gatewayWebhooks, GatewayPublisher publisher,
            EventTypes gatewayEventTypes, DeliveryUrlPolicy delivery, JsonBodyReader bodies, ObjectProvider<Clock> clock,
            GatewayProperties properties, WebhookSettings settings, DeliveryIndex gatewayDeliveryIndex,
            DeliveryLogReader gatewayDeliveryLogReader, JsonMapper mapper, WebhookAudit gatewayWebhookAudit, SecretCipher cipher) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        Verifier verifier = new Verifier(new TestDeliveries(publisher, time), gatewayDeliveryIndex, gatewayEventTypes, mapper,
                settings.verificationTimeout(), time);
        Mono<Void> deliveriesReady = Mono.fromFuture(gatewayDeliveryLogReader::caughtUp).timeout(properties.writeTimeout(),
                Mono.error(() -> new KafkaUnavailableException("delivery log not indexed within " + properties.writeTimeout())));
        return new WebhookController(gatewayWebhooks, validator(gatewayEventTypes, delivery), verifier, gatewayDeliveryIndex, deliveriesReady,
                bodies, time, gatewayWebhookAudit, cipher);
    }

    @Bean
    WebhookLifecycleController gatewayWebhookLifecycleController(Webhooks gatewayWebhooks, EventTypes gatewayEventTypes,
            DeliveryUrlPolicy delivery, JsonBodyReader bodies, SecretCipher cipher, WebhookController gatewayWebhookController,
            WebhookAudit gatewayWebhookAudit) {
        return new WebhookLifecycleController(gatewayWebhooks, validator(gatewayEventTypes, delivery), gatewayWebhookController, bodies,
                cipher, gatewayWebhookAudit);
    }

    @Bean
    WebhookActionsController gatewayWebhookActionsController(Webhooks gatewayWebhooks, GatewayPublisher publisher,
            SecretCipher cipher, EventTypes gatewayEventTypes, JsonBodyReader bodies, ObjectProvider<Clock> clock,
            WebhookSettings settings, WebhookController gatewayWebhookController, JsonMapper mapper, WebhookAudit gatewayWebhookAudit) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        return new WebhookActionsController(gatewayWebhooks, gatewayWebhookController, new TestDeliveries(publisher, time), gatewayEventTypes,
                cipher, bodies, mapper, settings.secretOverlap(), time, gatewayWebhookAudit);
    }

    @Bean
    FilterTestController gatewayFilterTestController(JsonBodyReader bodies) {
        return new FilterTestController(bodies);
    }

    private static WebhookRequestValidator validator(EventTypes catalog, DeliveryUrlPolicy delivery) {
        UrlChecker urls = new UrlChecker(new AddressPolicy(delivery.allowedCidrs()), delivery.allowInsecureHttp(), HostResolver.DNS);
        return new WebhookRequestValidator(catalog, urls);
    }
}
