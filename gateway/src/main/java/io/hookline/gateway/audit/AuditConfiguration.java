package io.hookline.gateway.audit;

import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.schemas.topics.KafkaConnection;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The audit log's beans: the writer every changing controller uses, the request ids, and the owner's reader. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditLog gatewayAuditLog(GatewayPublisher publisher, JsonMapper mapper, ObjectProvider<Clock> clock) {
        return new AuditLog(publisher, mapper, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    RequestIds gatewayRequestIds() {
        return new RequestIds();
    }

    @Bean
    AuditController gatewayAuditController(KafkaConnection connection, JsonMapper mapper, GatewayProperties properties) {
        return new AuditController(new AuditReader(connection, properties.writeTimeout()), mapper);
    }
}
