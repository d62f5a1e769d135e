package io.hookline.router;

import io.hookline.kafka.DataDir;
import io.hookline.router.routing.RouterTopology;
import io.hookline.schemas.topics.KafkaConnection;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The router component: its Kafka Streams application and its health. Needs a {@link KafkaConnection}
 * bean from the application; no secret cipher (it copies ciphertexts, never reads them).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RouterProperties.class)
public class RouterConfiguration {

    @Bean
    RouterStreams routerStreams(KafkaConnection connection, RouterProperties properties, DataDir dataDir, ObjectProvider<Clock> clock) {
        return new RouterStreams(connection, withStateDir(properties, dataDir), new RouterTopology(clock.getIfUnique(Clock::systemUTC)));
    }

    @Bean
    HealthIndicator routerHealthIndicator(RouterStreams routerStreams) {
        return routerStreams::health;
    }

    /**
     * The settings with the state directory resolved: {@code hookline.router.state-dir} if set, else
     * {@code router} under {@code hookline.data-dir} ({@link DataDir}; default {@code ./data}), where standalone keeps
     * all its data.
     */
    static RouterProperties withStateDir(RouterProperties properties, DataDir dataDir) {
        if (properties.stateDir() != null) {
            return properties;
        }
        return properties.withStateDir(dataDir.resolve("router", Path.of("./data")));
    }
}
