package io.hookline.gateway.doc;

import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.kafka.GatewayAdmin;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.owner.Commander;
import io.hookline.gateway.owner.OwnerLoop;
import io.hookline.gateway.owner.Outcomes;
import io.hookline.kafka.LifecyclePhases;
import io.hookline.schemas.avro.Doc;
import io.hookline.schemas.avro.DocCommand;
import io.hookline.schemas.avro.DocOutcome;
import io.hookline.schemas.topics.KafkaConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This gateway's part in the one writer of {@code hookline.docs}: the owner's loop and the asking side. */
@Configuration(proxyBeanMethods = false)
public class DocConfiguration {

    @Bean
    OwnerLoop<DocCommand, Doc, DocOutcome> gatewayDocOwner(KafkaConnection connection, TopicView<Doc> gatewayDocsView, GatewayAdmin gatewayAdmin,
            GatewayPublisher publisher, GatewayProperties properties) {
        return new OwnerLoop<>(DocCommands.KIND, connection, gatewayDocsView, gatewayAdmin, publisher, properties.writeTimeout().multipliedBy(2),
                LifecyclePhases.COMMANDS);
    }

    @Bean
    Outcomes<DocOutcome> gatewayDocOutcomes(KafkaConnection connection) {
        return new Outcomes<>(DocCommands.KIND, connection, LifecyclePhases.COMMANDS);
    }

    @Bean
    public Commander<DocCommand, Doc, DocOutcome> gatewayDocCommander(TopicView<Doc> gatewayDocsView, GatewayPublisher publisher,
            Outcomes<DocOutcome> gatewayDocOutcomes, GatewayProperties properties) {
        return new Commander<>(DocCommands.KIND, gatewayDocsView, publisher, gatewayDocOutcomes, properties.writeTimeout());
    }
}
