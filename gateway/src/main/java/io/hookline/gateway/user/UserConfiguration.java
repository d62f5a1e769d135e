package io.hookline.gateway.user;

import io.hookline.kafka.LifecyclePhases;
import io.hookline.gateway.audit.AuditLog;
import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.kafka.GatewayAdmin;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.owner.Commander;
import io.hookline.gateway.owner.OwnerLoop;
import io.hookline.gateway.owner.Outcomes;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.avro.PrincipalCommand;
import io.hookline.schemas.avro.PrincipalOutcome;
import io.hookline.schemas.topics.KafkaConnection;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans of the users API: its controller, on the gateway's principals view, and this gateway's part in
 * the one writer of {@code hookline.principals}: the owner's loop (applies the commands while this instance
 * owns their partition) and the asking side (used by the controller and the first owner's bootstrap).
 */
@Configuration(proxyBeanMethods = false)
public class UserConfiguration {

    @Bean
    OwnerLoop<PrincipalCommand, Principal, PrincipalOutcome> gatewayPrincipalOwner(KafkaConnection connection,
            TopicView<Principal> gatewayPrincipalsView, GatewayAdmin gatewayAdmin, GatewayPublisher publisher, GatewayProperties properties) {
        return new OwnerLoop<>(PrincipalCommands.KIND, connection, gatewayPrincipalsView, gatewayAdmin, publisher,
                properties.writeTimeout().multipliedBy(2), LifecyclePhases.COMMANDS);
    }

    @Bean
    Outcomes<PrincipalOutcome> gatewayPrincipalOutcomes(KafkaConnection connection) {
        return new Outcomes<>(PrincipalCommands.KIND, connection, LifecyclePhases.COMMANDS);
    }

    @Bean
    Commander<PrincipalCommand, Principal, PrincipalOutcome> gatewayPrincipalCommander(TopicView<Principal> gatewayPrincipalsView,
            GatewayPublisher publisher, Outcomes<PrincipalOutcome> gatewayPrincipalOutcomes, GatewayProperties properties) {
        return new Commander<>(PrincipalCommands.KIND, gatewayPrincipalsView, publisher, gatewayPrincipalOutcomes, properties.writeTimeout());
    }

    @Bean
    UserController gatewayUserController(TopicView<Principal> gatewayPrincipalsView,
            Commander<PrincipalCommand, Principal, PrincipalOutcome> gatewayPrincipalCommander, JsonBodyReader bodies,
            ObjectProvider<Clock> clock, AuditLog gatewayAuditLog) {
        Users users = new Users(gatewayPrincipalsView, gatewayPrincipalCommander, clock.getIfUnique(Clock::systemUTC));
        return new UserController(users, bodies, gatewayAuditLog);
    }
}
