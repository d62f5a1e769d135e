package io.hookline.router;

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

/** The router on its own: one instance of a horizontally scaled Kafka Streams application. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(RouterConfiguration.class)
public class RouterApplication {

    public static void main(String[] args) {
        SpringApplication.run(RouterApplication.class, args);
    }

    /**
     * {@code hookline.kafka.bootstrap-servers} (default {@code KAFKA_BOOTSTRAP_SERVERS}, else
     * {@code localhost:9092}) and {@code hookline.kafka.properties.*} passed to every client.
     */
    @Bean
    KafkaConnection kafkaConnection(Environment environment) {
        Binder binder = Binder.get(environment);
        String bootstrapServers = binder.bind("hookline.kafka.bootstrap-servers", String.class)
                .orElseGet(() -> environment.resolvePlaceholders("${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}"));
        Map<String, String> properties = binder.bind("hookline.kafka.properties", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        return new KafkaConnection(bootstrapServers, properties, binder.bind("hookline.kafka.replication-factor", Integer.class).orElse(0));
    }
}
