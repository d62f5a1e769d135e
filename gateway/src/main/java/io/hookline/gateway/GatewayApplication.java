package io.hookline.gateway;

import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * The gateway on its own, against the cluster in {@code KAFKA_BOOTSTRAP_SERVERS}. Its defaults
 * (port 8080, health only) are in {@code gateway-application.properties}, not in an
 * {@code application.properties} that would shadow the one of an application embedding the gateway.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(GatewayConfiguration.class)
@PropertySource("classpath:io/hookline/gateway/gateway-application.properties")
@EnableConfigurationProperties({GatewayApplication.KafkaSettings.class, GatewayApplication.SecretsSettings.class})
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }

    @Bean
    KafkaConnection kafkaConnection(KafkaSettings settings) {
        return new KafkaConnection(settings.bootstrapServers(), settings.properties(), settings.replicationFactor());
    }

    @Bean
    SecretCipher secretCipher(SecretsSettings settings) {
        if (settings.key() == null || settings.key().isBlank()) {
            throw new IllegalStateException("hookline.secrets.key is not set: it must be the base64 of 32 random bytes "
                    + "(e.g. `openssl rand -base64 32`), the same for every component, set as HOOKLINE_SECRETS_KEY or a property");
        }
        try {
            return SecretCipher.fromBase64Key(settings.key());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("hookline.secrets.key is not the base64 of 32 bytes: " + e.getMessage(), e);
        }
    }

    /** {@code hookline.kafka.*}: the cluster and client properties passed through unchanged. */
    @ConfigurationProperties("hookline.kafka")
    public record KafkaSettings(@DefaultValue("localhost:9092") String bootstrapServers, @DefaultValue Map<String, String> properties,
            @DefaultValue("0") int replicationFactor) {
    }

    /** {@code hookline.secrets.key}: base64 of the 32-byte key that encrypts signing secrets. */
    @ConfigurationProperties("hookline.secrets")
    public record SecretsSettings(String key) {
    }
}
