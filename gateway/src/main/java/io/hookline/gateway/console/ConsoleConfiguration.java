package io.hookline.gateway.console;

import io.hookline.gateway.audit.AuditLog;
import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.auth.Authenticator;
import io.hookline.gateway.deliverylog.DeliveryIndex;
import io.hookline.gateway.deliverylog.DeliveryLogController;
import io.hookline.gateway.deliverylog.RedeliveryController;
import io.hookline.gateway.doc.DocController;
import io.hookline.gateway.event.EventController;
import io.hookline.gateway.execute.ExecuteController;
import io.hookline.gateway.execute.ExecutionController;
import io.hookline.gateway.user.UserController;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.gateway.webhook.WebhookActionsController;
import io.hookline.gateway.webhook.WebhookController;
import io.hookline.gateway.webhook.WebhookLifecycleController;
import io.hookline.gateway.webhook.WebhookSettings;
import io.hookline.kafka.LifecyclePhases;
import io.hookline.schemas.avro.EndpointCircuit;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The admin console at {@code /admin} (see the package's documentation); off with {@code hookline.console.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ConsoleProperties.class, PortalProperties.class})
@ConditionalOnBooleanProperty(name = "hookline.console.enabled", matchIfMissing = true)
public class ConsoleConfiguration {

    @Bean
    ConsoleSessions consoleSessions(ConsoleProperties properties, ObjectProvider<Clock> clock) {
        return new ConsoleSessions(properties.idleTimeout(), properties.maxAge(), clock.getIfUnique(Clock::systemUTC));
    }

    /** The same authentication as {@code /v4}'s, over the same principals view. */
    @Bean
    Authenticator consoleAuthenticator(TopicView<Principal> gatewayPrincipalsView, GatewayProperties properties) {
        return new Authenticator(gatewayPrincipalsView, properties.writeTimeout());
    }

    @Bean
    PortalLinks consolePortalLinks(ObjectProvider<Clock> clock) {
        return new PortalLinks(clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    ConsoleFilter consoleFilter(ConsoleSessions consoleSessions, Authenticator consoleAuthenticator, PortalLinks consolePortalLinks,
            PortalProperties portal) {
        return new ConsoleFilter(consoleSessions, consoleAuthenticator, consolePortalLinks, portal.allowedOrigins());
    }

    @Bean
    PortalLinkController consolePortalLinkController(PortalLinks consolePortalLinks, InProcessApi consoleApi, JsonBodyReader bodies,
            AuditLog gatewayAuditLog) {
        return new PortalLinkController(consolePortalLinks, consoleApi, bodies, gatewayAuditLog);
    }

    @Bean
    InProcessApi consoleApi(WebhookController webhooks, WebhookLifecycleController lifecycle, WebhookActionsController actions,
            DeliveryLogController logs, RedeliveryController redeliveries, EventController events, UserController users,
            DocController docs, ExecuteController execute, ExecutionController executions, JsonMapper mapper) {
        return new InProcessApi(webhooks, lifecycle, actions, logs, redeliveries, events, users, docs, execute, executions, mapper);
    }

    @Bean
    Pages consolePages(JsonMapper mapper) {
        return new Pages(mapper);
    }

    @Bean
    SignInPages consoleSignInPages(ConsoleSessions consoleSessions, Authenticator consoleAuthenticator) {
        return new SignInPages(consoleSessions, consoleAuthenticator);
    }

    @Bean
    WebhookPages consoleWebhookPages(InProcessApi consoleApi, Pages consolePages, DeliveryIndex gatewayDeliveryIndex,
            TopicView<EndpointCircuit> consoleCircuitsView, ObjectProvider<Clock> clock) {
        return new WebhookPages(consoleApi, consolePages, gatewayDeliveryIndex, consoleCircuitsView, clock.getIfUnique(Clock::systemUTC));
    }

    /** The deliverers' endpoint circuits, for the details page's endpoint health. */
    @Bean
    TopicView<EndpointCircuit> consoleCircuitsView(KafkaConnection connection) {
        return new TopicView<>(Topics.ENDPOINT_CIRCUITS, connection, "hookline-gateway-circuits", LifecyclePhases.VIEWS);
    }

    @Bean
    WebhookActionPages consoleWebhookActionPages(InProcessApi consoleApi, Pages consolePages, WebhookPages consoleWebhookPages,
            WebhookSettings settings) {
        return new WebhookActionPages(consoleApi, consolePages, consoleWebhookPages, settings.secretOverlap());
    }

    @Bean
    LogPages consoleLogPages(InProcessApi consoleApi, Pages consolePages) {
        return new LogPages(consoleApi, consolePages);
    }

    @Bean
    EventTypePages consoleEventTypePages(InProcessApi consoleApi, Pages consolePages, JsonMapper mapper) {
        return new EventTypePages(consoleApi, consolePages, mapper);
    }

    @Bean
    UserPages consoleUserPages(InProcessApi consoleApi, Pages consolePages) {
        return new UserPages(consoleApi, consolePages);
    }

    @Bean
    DocPages consoleDocPages(InProcessApi consoleApi, Pages consolePages, JsonMapper mapper) {
        return new DocPages(consoleApi, consolePages, mapper);
    }

    @Bean
    LiveTail consoleLiveTail(InProcessApi consoleApi, JsonMapper mapper) {
        return new LiveTail(consoleApi, mapper);
    }

    @Bean
    ConsoleErrors consoleErrors(Pages consolePages) {
        return new ConsoleErrors(consolePages);
    }
}
