package io.hookline.executor;

import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** The executor on its own: one of N instances of a consumer group against a Kafka cluster. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ExecutorConfiguration.class)
public class ExecutorApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExecutorApplication.class, args);
    }

    @Bean
    KafkaConnection kafkaConnection(Environment environment) {
        Binder binder = Binder.get(environment);
        String bootstrap = binder.bind("hookline.kafka.bootstrap-servers", String.class)
                .orElseGet(() -> environment.getProperty("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
        Map<String, String> properties = binder.bind("hookline.kafka.properties", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        return new KafkaConnection(bootstrap, properties, binder.bind("hookline.kafka.replication-factor", Integer.class).orElse(0));
    }

    @Bean
    SecretCipher secretCipher(Environment environment) {
        String key = environment.getProperty("hookline.secrets.key");
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("hookline.secrets.key is required (HOOKLINE_SECRETS_KEY): base64 of 32 random "
                    + "bytes, the same key the gateway uses");
        }
        return SecretCipher.fromBase64Key(key);
    }
}
