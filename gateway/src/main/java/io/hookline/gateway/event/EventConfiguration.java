package io.hookline.gateway.event;

import io.hookline.gateway.audit.AuditLog;
import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.kafka.LifecyclePhases;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The event catalog (built-in and each team's custom types) and the events API. */
@Configuration(proxyBeanMethods = false)
public class EventConfiguration {

    /** With the gateway's other views: after topic creation, before the web server. */
    static final int VIEWS_PHASE = LifecyclePhases.VIEWS;

    @Bean
    EventCatalog gatewayEventCatalog(JsonMapper mapper) {
        return EventCatalog.load(mapper);
    }

    @Bean
    TopicView<io.hookline.schemas.avro.EventType> gatewayEventTypesView(KafkaConnection connection) {
        return new TopicView<>(Topics.EVENT_TYPES, connection, "hookline-gateway-event-types", VIEWS_PHASE);
    }

    @Bean
    EventTypes gatewayEventTypes(EventCatalog gatewayEventCatalog, TopicView<io.hookline.schemas.avro.EventType> gatewayEventTypesView,
            JsonMapper mapper) {
        return EventTypes.over(gatewayEventCatalog, gatewayEventTypesView, mapper);
    }

    @Bean
    EventController gatewayEventController(EventTypes gatewayEventTypes,
            TopicView<io.hookline.schemas.avro.EventType> gatewayEventTypesView, GatewayPublisher publisher, JsonMapper mapper,
            JsonBodyReader bodies, ObjectProvider<Clock> clock, GatewayProperties properties, AuditLog gatewayAuditLog) {
        return new EventController(gatewayEventTypes, gatewayEventTypesView, publisher, mapper, bodies,
                clock.getIfUnique(Clock::systemUTC), properties.writeTimeout(), gatewayAuditLog);
    }
}
