package io.hookline.gateway;

import io.hookline.gateway.auth.ApiKeyFilter;
import io.hookline.gateway.auth.Authenticator;
import io.hookline.gateway.bootstrap.OwnerBootstrap;
import io.hookline.gateway.kafka.GatewayAdmin;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.KafkaHealthIndicator;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.owner.Commander;
import io.hookline.gateway.owner.OwnerLoop;
import io.hookline.gateway.owner.OwnersHealthIndicator;
import io.hookline.gateway.web.ApiErrorHandler;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.kafka.LifecyclePhases;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.avro.PrincipalCommand;
import io.hookline.schemas.avro.PrincipalOutcome;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every bean of the gateway: the HTTP API on WebFlux, its error envelope and authentication, the
 * Kafka views and producer behind it, and the first-start bootstrap. Consumes the application's
 * {@link KafkaConnection} and {@link SecretCipher}; uses a {@link Clock} bean if there is exactly one.
 *
 * <p>Start order (lower phase first, stopped last): topic creation, the views, the bootstrap, then
 * Boot's web server, so the port opens only when the key printed at first start works.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
@org.springframework.context.annotation.Import({io.hookline.gateway.user.UserConfiguration.class, io.hookline.gateway.idempotency.IdempotencyConfiguration.class, io.hookline.gateway.execute.ExecuteConfiguration.class,
        io.hookline.gateway.deliverylog.DeliveryLogConfiguration.class,
        io.hookline.gateway.event.EventConfiguration.class, io.hookline.gateway.webhook.WebhookConfiguration.class,
        io.hookline.gateway.console.ConsoleConfiguration.class,
        io.hookline.gateway.openapi.OpenApiConfiguration.class, io.hookline.gateway.audit.AuditConfiguration.class})
public class GatewayConfiguration {

    static final int ADMIN_PHASE = LifecyclePhases.TOPICS;
    static final int VIEWS_PHASE = LifecyclePhases.VIEWS;
    static final int BOOTSTRAP_PHASE = LifecyclePhases.BOOTSTRAP;

    @Bean
    GatewayAdmin gatewayAdmin(KafkaConnection connection) {
        return new GatewayAdmin(connection, ADMIN_PHASE);
    }

    @Bean
    GatewayPublisher gatewayPublisher(KafkaConnection connection) {
        return new GatewayPublisher(connection);
    }

    @Bean
    TopicView<Principal> gatewayPrincipalsView(KafkaConnection connection) {
        return new TopicView<>(Topics.PRINCIPALS, connection, "hookline-gateway-principals", VIEWS_PHASE);
    }

    @Bean
    TopicView<Webhook> gatewayWebhooksView(KafkaConnection connection) {
        return new TopicView<>(Topics.WEBHOOKS, connection, "hookline-gateway-webhooks", VIEWS_PHASE);
    }

    @Bean
    JsonBodyReader gatewayJsonBodyReader(JsonMapper mapper, GatewayProperties properties) {
        return new JsonBodyReader(mapper, properties.maxRequestSize());
    }

    /** Keeps the codecs' own buffering limit in line with the API's request limit. */
    @Bean
    CodecCustomizer gatewayCodecCustomizer(GatewayProperties properties) {
        return configurer -> configurer.defaultCodecs().maxInMemorySize((int) properties.maxRequestSize().toBytes());
    }

    @Bean
    ApiErrorHandler gatewayApiErrorHandler(JsonMapper mapper) {
        return new ApiErrorHandler(mapper);
    }

    @Bean
    ApiKeyFilter gatewayApiKeyFilter(TopicView<Principal> gatewayPrincipalsView, GatewayProperties properties) {
        return new ApiKeyFilter(new Authenticator(gatewayPrincipalsView, properties.writeTimeout()));
    }

    @Bean
    OwnerBootstrap gatewayOwnerBootstrap(GatewayProperties properties, TopicView<Principal> gatewayPrincipalsView,
            Commander<PrincipalCommand, Principal, PrincipalOutcome> gatewayPrincipalCommander, ObjectProvider<Clock> clock) {
        return new OwnerBootstrap(properties.bootstrap().enabled(), properties.bootstrap().ownerKeyFile(), gatewayPrincipalsView,
                gatewayPrincipalCommander, clock(clock), System.out, BOOTSTRAP_PHASE);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(GatewayAdmin admin) {
        return new KafkaHealthIndicator(admin);
    }

    @Bean
    OwnersHealthIndicator ownersHealthIndicator(ObjectProvider<OwnerLoop<?, ?, ?>> loops) {
        return new OwnersHealthIndicator(() -> loops.orderedStream().toList());
    }

    private static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfUnique(Clock::systemUTC);
    }
}
