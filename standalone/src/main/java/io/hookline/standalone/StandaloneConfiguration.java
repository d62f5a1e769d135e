package io.hookline.standalone;

import io.hookline.deliverer.DelivererConfiguration;
import io.hookline.executor.ExecutorConfiguration;
import io.hookline.gateway.GatewayConfiguration;
import io.hookline.router.RouterConfiguration;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The components in one Spring context, sharing one Kafka connection and one secrets key. The
 * executor joins only where it can sandbox (see {@link SandboxAvailable}), so the rest of the platform
 * starts on a machine with nothing but a JDK.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({GatewayConfiguration.class, RouterConfiguration.class, DelivererConfiguration.class, StandaloneConfiguration.ExecutorRole.class})
class StandaloneConfiguration {

    @Configuration(proxyBeanMethods = false)
    @Conditional(SandboxAvailable.class)
    @Import(ExecutorConfiguration.class)
    static class ExecutorRole {
    }

    @Bean
    KafkaConnection kafkaConnection(Environment environment) {
        Binder binder = Binder.get(environment);
        return new KafkaConnection(
                binder.bind("hookline.kafka.bootstrap-servers", String.class).orElse("localhost:9092"),
                binder.bind("hookline.kafka.properties", Bindable.mapOf(String.class, String.class)).orElse(Map.of()),
                binder.bind("hookline.kafka.replication-factor", Integer.class).orElse(0));
    }

    @Bean
    SecretCipher secretCipher(Environment environment) {
        return SecretCipher.fromBase64Key(environment.getProperty("hookline.secrets.key"));
    }
}
