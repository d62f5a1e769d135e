package io.hookline.kafka;

import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * The settings every component shares, bound here once and imported by each {@code *Application} and by
 * the standalone, so that a component started alone and the all-in-one read them alike:
 * <ul>
 *   <li>{@code hookline.kafka.bootstrap-servers} (else {@code KAFKA_BOOTSTRAP_SERVERS}, else
 *       {@code localhost:9092}), {@code hookline.kafka.properties.*} and {@code hookline.kafka.replication-factor};
 *   <li>{@code hookline.secrets.key} (HOOKLINE_SECRETS_KEY), checked to be the base64 of 32 bytes when a
 *       component first needs it: lazily, because the router never does and must start without it;
 *   <li>{@code hookline.data-dir}, where state on disk goes when it is set ({@link DataDir});
 *   <li>the {@link Clock}, one bean so a test or a bench can move time for every component at once;
 *   <li>{@code hookline.delivery.allow-insecure-http} and {@code allowed-cidrs} ({@link DeliveryUrlPolicy}), which the
 *       gateway and the deliverer both enforce.
 * </ul>
 * The order in which the parts start is in {@link LifecyclePhases}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryUrlPolicy.class)
public class PlatformConfiguration {

    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    @Bean
    KafkaConnection kafkaConnection(Environment environment) {
        Binder binder = Binder.get(environment);
        String bootstrap = binder.bind("hookline.kafka.bootstrap-servers", String.class)
                .orElseGet(() -> environment.getProperty("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP_SERVERS));
        Map<String, String> properties = binder.bind("hookline.kafka.properties", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        return new KafkaConnection(bootstrap, properties, binder.bind("hookline.kafka.replication-factor", Integer.class).orElse(0));
    }

    @Bean
    @Lazy
    SecretsKey secretsKey(Environment environment) {
        return SecretsKey.of(environment.getProperty("hookline.secrets.key"));
    }

    @Bean
    @Lazy
    SecretCipher secretCipher(SecretsKey secretsKey) {
        return SecretCipher.fromBase64Key(secretsKey.base64());
    }

    @Bean
    DataDir dataDir(Environment environment) {
        String configured = environment.getProperty("hookline.data-dir");
        return new DataDir(configured == null || configured.isBlank() ? null : Path.of(configured));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The check every component used to make on its own: a missing or malformed key stops the start-up, never a request. */
    static void checkKey(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("hookline.secrets.key is not set: it must be the base64 of 32 random bytes "
                    + "(e.g. `openssl rand -base64 32`), the same for every component, set as HOOKLINE_SECRETS_KEY or a property");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("hookline.secrets.key is not the base64 of 32 bytes: " + e.getMessage(), e);
        }
        if (key.length != 32) {
            throw new IllegalStateException("hookline.secrets.key is not the base64 of 32 bytes: it decodes to " + key.length);
        }
    }
}
