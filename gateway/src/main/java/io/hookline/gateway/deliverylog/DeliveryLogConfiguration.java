package io.hookline.gateway.deliverylog;

import io.hookline.gateway.audit.AuditLog;
import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The gateway's index of the delivery log (a Kafka Streams global store) and its API. The store lives
 * under {@code hookline.gateway.delivery-log.state-dir}, else {@code gateway-delivery-log} under
 * {@code hookline.data-dir} when that is set (standalone sets it), else in a fresh temporary directory
 * (rebuilt from the topic at each start).
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryLogConfiguration {

    /** With the gateway's other views: after topic creation, before the web server. */
    static final int READER_PHASE = SmartLifecycle.DEFAULT_PHASE - 9_000;
    /** The deliverer's default consumer group of {@code hookline.deliveries} (its {@code DeliveryProperties}). */
    static final String DELIVERER_GROUP = "hookline-deliverer";

    @Bean
    DeliveryLogReader gatewayDeliveryLogReader(KafkaConnection connection, Environment environment) {
        return new DeliveryLogReader(connection, environment.getProperty("hookline.gateway.delivery-log.application-id",
                "hookline-gateway-delivery-log"), stateDir(environment), READER_PHASE);
    }

    @Bean
    DeliveryIndex gatewayDeliveryIndex(DeliveryLogReader gatewayDeliveryLogReader) {
        return gatewayDeliveryLogReader.index();
    }

    /**
     * The deliverer's backlog, read at query time. The group is the deliverer's
     * ({@code hookline.delivery.consumer-group}, the deliverer's setting of the same name and default).
     */
    @Bean
    KafkaBacklog gatewayDeliveryBacklog(KafkaConnection connection, Environment environment) {
        return KafkaBacklog.of(connection, environment.getProperty("hookline.delivery.consumer-group", DELIVERER_GROUP));
    }

    @Bean
    DeliveryLogController gatewayDeliveryLogController(DeliveryIndex gatewayDeliveryIndex, DeliveryLogReader gatewayDeliveryLogReader,
            TopicView<Webhook> gatewayWebhooksView, GatewayProperties properties, KafkaBacklog gatewayDeliveryBacklog) {
        return new DeliveryLogController(gatewayDeliveryIndex, new LogAccess(gatewayWebhooksView, gatewayDeliveryLogReader, properties.writeTimeout()),
                gatewayDeliveryBacklog);
    }

    @Bean
    RedeliveryController gatewayRedeliveryController(DeliveryIndex gatewayDeliveryIndex, DeliveryLogReader gatewayDeliveryLogReader,
            TopicView<Webhook> gatewayWebhooksView, GatewayPublisher publisher, JsonBodyReader bodies, GatewayProperties properties,
            ObjectProvider<Clock> clock, AuditLog gatewayAuditLog) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        TaskSink sink = task -> publisher.send(Topics.DELIVERIES, null, task.getWebhookId(), task).then();
        return new RedeliveryController(new LogAccess(gatewayWebhooksView, gatewayDeliveryLogReader, properties.writeTimeout()),
                new Redeliveries(gatewayDeliveryIndex, sink, time), bodies, time, gatewayAuditLog);
    }

    static Path stateDir(Environment environment) {
        String configured = environment.getProperty("hookline.gateway.delivery-log.state-dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String dataDir = environment.getProperty("hookline.data-dir");
        if (dataDir != null && !dataDir.isBlank()) {
            return Path.of(dataDir, "gateway-delivery-log");
        }
        try {
            return Files.createTempDirectory("hookline-gateway-delivery-log");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a state directory for the delivery log index", e);
        }
    }
}
