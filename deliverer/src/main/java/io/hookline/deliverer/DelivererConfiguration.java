package io.hookline.deliverer;

import io.hookline.deliverer.http.HttpSender;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deliverer's beans. Needs a {@link KafkaConnection} and a {@link SecretCipher} from the
 * application; declares nothing of a type another component could also declare.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DeliveryProperties.class, HealthProperties.class})
public class DelivererConfiguration {

    @Bean(destroyMethod = "close")
    HttpSender delivererHttpSender(DeliveryProperties properties) {
        return new HttpSender(properties);
    }

    @Bean
    DelivererLifecycle delivererConsumerLoop(KafkaConnection kafka, DeliveryProperties properties, HealthProperties healthProperties,
                                             HttpSender delivererHttpSender, SecretCipher cipher,
                                             ObjectProvider<MeterRegistry> meters) {
        return new DelivererLifecycle(kafka, properties, healthProperties, delivererHttpSender, cipher, Clock.systemUTC(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    HealthIndicator delivererHealthIndicator(DelivererLifecycle delivererConsumerLoop) {
        return delivererConsumerLoop::health;
    }
}
