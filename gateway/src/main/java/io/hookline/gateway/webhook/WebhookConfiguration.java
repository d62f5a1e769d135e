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
import io.hookline.gateway.owner.Commander;
import io.hookline.gateway.owner.OwnerLoop;
import io.hookline.gateway.owner.Outcomes;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.kafka.DeliveryUrlPolicy;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.avro.WebhookOutcome;
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

    /** Every change to a webhook goes through it: commands to the partition's owner, whichever gateway that is. */
    @Bean
    Webhooks gatewayWebhooks(TopicView<Webhook> gatewayWebhooksView, Commander<WebhookCommand, Webhook, WebhookOutcome> gatewayWebhookCommander,
            GatewayAdmin gatewayAdmin, SecretCipher cipher, ObjectProvider<Clock> clock, GatewayProperties properties) {
        return new Webhooks(gatewayWebhooksView, gatewayWebhookCommander, gatewayAdmin, cipher, clock.getIfUnique(Clock::systemUTC),
                properties.writeTimeout());
    }

    @Bean
    WebhookAudit gatewayWebhookAudit(AuditLog gatewayAuditLog, DeliveryIndex gatewayDeliveryIndex, JsonMapper mapper, ObjectProvider<Clock> clock,
            SecretCipher cipher) {
        return new WebhookAudit(gatewayAuditLog, gatewayDeliveryIndex, mapper, clock.getIfUnique(Clock::systemUTC), cipher);
    }

    @Bean
    WebhookKind gatewayWebhookKind(WebhookAudit gatewayWebhookAudit, GatewayProperties properties) {
        return new WebhookKind(gatewayWebhookAudit, properties.writeTimeout().multipliedBy(2));
    }

    /** The answers to this gateway's commands; positioned before the HTTP server takes requests. */
    @Bean
    Outcomes<WebhookOutcome> gatewayWebhookOutcomes(WebhookKind gatewayWebhookKind, KafkaConnection connection) {
        return new Outcomes<>(gatewayWebhookKind, connection, COMMANDS_PHASE);
    }

    @Bean
    Commander<WebhookCommand, Webhook, WebhookOutcome> gatewayWebhookCommander(WebhookKind gatewayWebhookKind,
            TopicView<Webhook> gatewayWebhooksView, GatewayPublisher publisher, Outcomes<WebhookOutcome> gatewayWebhookOutcomes,
            GatewayProperties properties) {
        return new Commander<>(gatewayWebhookKind, gatewayWebhooksView, publisher, gatewayWebhookOutcomes, properties.writeTimeout());
    }

    /** This gateway's part in the one writer of hookline.webhooks: applies the commands of the partitions it owns. */
    @Bean
    OwnerLoop<WebhookCommand, Webhook, WebhookOutcome> gatewayWebhookCommands(WebhookKind gatewayWebhookKind, KafkaConnection connection,
            TopicView<Webhook> gatewayWebhooksView, GatewayAdmin gatewayAdmin, GatewayPublisher publisher, GatewayProperties properties) {
        return new OwnerLoop<>(gatewayWebhookKind, connection, gatewayWebhooksView, gatewayAdmin, publisher,
                properties.writeTimeout().multipliedBy(2), COMMANDS_PHASE);
    }

    /** The webhook as the API shows it, and verification: shared by the three webhook controllers. */
    @Bean
    WebhookViews gatewayWebhookViews(Webhooks gatewayWebhooks, GatewayPublisher publisher, EventTypes gatewayEventTypes,
            ObjectProvider<Clock> clock, WebhookSettings settings, DeliveryIndex gatewayDeliveryIndex, JsonMapper mapper, SecretCipher cipher) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        Verifier verifier = new Verifier(new TestDeliveries(publisher, time), gatewayDeliveryIndex, gatewayEventTypes, mapper,
                settings.verificationTimeout(), time);
        return new WebhookViews(gatewayWebhooks, verifier, gatewayDeliveryIndex, cipher, time);
    }

    @Bean
    WebhookController gatewayWebhookController(Webhooks gatewayWebhooks, WebhookViews gatewayWebhookViews, EventTypes gatewayEventTypes,
            DeliveryUrlPolicy delivery, JsonBodyReader bodies, GatewayProperties properties, DeliveryLogReader gatewayDeliveryLogReader,
            WebhookAudit gatewayWebhookAudit) {
        Mono<Void> deliveriesReady = Mono.fromFuture(gatewayDeliveryLogReader::caughtUp).timeout(properties.writeTimeout(),
                Mono.error(() -> new KafkaUnavailableException("delivery log not indexed within " + properties.writeTimeout())));
        return new WebhookController(gatewayWebhooks, validator(gatewayEventTypes, delivery), gatewayWebhookViews, deliveriesReady,
                bodies, gatewayWebhookAudit);
    }

    @Bean
    WebhookLifecycleController gatewayWebhookLifecycleController(Webhooks gatewayWebhooks, EventTypes gatewayEventTypes,
            DeliveryUrlPolicy delivery, JsonBodyReader bodies, SecretCipher cipher, WebhookViews gatewayWebhookViews,
            WebhookAudit gatewayWebhookAudit) {
        return new WebhookLifecycleController(gatewayWebhooks, validator(gatewayEventTypes, delivery), gatewayWebhookViews, bodies,
                cipher, gatewayWebhookAudit);
    }

    @Bean
    WebhookActionsController gatewayWebhookActionsController(Webhooks gatewayWebhooks, GatewayPublisher publisher,
            SecretCipher cipher, EventTypes gatewayEventTypes, JsonBodyReader bodies, ObjectProvider<Clock> clock,
            WebhookSettings settings, WebhookViews gatewayWebhookViews, JsonMapper mapper, WebhookAudit gatewayWebhookAudit) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        return new WebhookActionsController(gatewayWebhooks, gatewayWebhookViews, new TestDeliveries(publisher, time), gatewayEventTypes,
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
