package io.hookline.gateway.user;

import io.hookline.gateway.audit.AuditLog;
import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.schemas.avro.Principal;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans of the users API: its controller, on the gateway's principals view and producer. */
@Configuration(proxyBeanMethods = false)
public class UserConfiguration {

    @Bean
    UserController gatewayUserController(TopicView<Principal> gatewayPrincipalsView, GatewayPublisher publisher, JsonBodyReader bodies,
            ObjectProvider<Clock> clock, GatewayProperties properties, AuditLog gatewayAuditLog) {
        Users users = new Users(gatewayPrincipalsView, publisher, clock.getIfUnique(Clock::systemUTC), properties.writeTimeout());
        return new UserController(users, bodies, gatewayAuditLog);
    }
}
