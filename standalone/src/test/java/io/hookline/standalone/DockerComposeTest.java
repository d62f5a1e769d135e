package io.hookline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this checks what can be checked: it
 * parses, it has the broker and the three components, and every environment variable a component
 * service sets is a setting that component really binds (so a renamed property cannot silently
 * leave the compose file behind).
 */
class DockerComposeTest {

    private static final Set<String> COMMON = Set.of("KAFKA_BOOTSTRAP_SERVERS", "HOOKLINE_KAFKA_BOOTSTRAP_SERVERS",
            "HOOKLINE_SECRETS_KEY", "SERVER_PORT", "JAVA_TOOL_OPTIONS",
            // OpenTelemetry's own variable, read by the deliverer's tracing (AttemptTracing)
            "OTEL_EXPORTER_OTLP_ENDPOINT");

    private static final Map<String, List<String>> SETTINGS = Map.of(
            "gateway", List.of("io.hookline.gateway.GatewayProperties", "io.hookline.kafka.DeliveryUrlPolicy"),
            "router", List.of("io.hookline.router.RouterProperties"),
            "deliverer", List.of("io.hookline.deliverer.DeliveryProperties", "io.hookline.kafka.DeliveryUrlPolicy"),
            "executor", List.of("io.hookline.executor.ExecutorProperties"));

    @Test
    @SuppressWarnings("unchecked")
    void shouldWireEveryComponentToTheBrokerWithSettingsItKnows() throws Exception {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(Path.of("..", "docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        assertThat(services).containsKeys("kafka", "gateway", "router", "deliverer");
        Map<String, Object> kafka = (Map<String, Object>) services.get("kafka").get("environment");
        assertThat((String) services.get("kafka").get("image")).startsWith("apache/kafka:");
        assertThat(kafka.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat((String) kafka.get("KAFKA_ADVERTISED_LISTENERS")).contains("kafka:9092");

        for (var role : SETTINGS.entrySet()) {
            Map<String, Object> service = services.get(role.getKey());
            assertThat((List<String>) service.get("command")).as(role.getKey()).containsExactly(role.getKey());
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            assertThat(environment.get("KAFKA_BOOTSTRAP_SERVERS")).as(role.getKey()).isEqualTo("kafka:9092");
            Set<String> known = new HashSet<>(COMMON);
            for (String settings : role.getValue()) {
                known.addAll(environmentNames(Class.forName(settings)));
            }
            assertThat(known).as("settings of " + role.getKey()).containsAll(environment.keySet());
        }
        assertThat((Map<String, Object>) services.get("gateway").get("environment")).containsKey("HOOKLINE_SECRETS_KEY");
        assertThat((Map<String, Object>) services.get("deliverer").get("environment")).containsKey("HOOKLINE_SECRETS_KEY");
    }

    /** The environment variable of every setting of a {@code @ConfigurationProperties} record. */
    private static Set<String> environmentNames(Class<?> settings) {
        String prefix = settings.getAnnotation(ConfigurationProperties.class).value();
        Set<String> names = new HashSet<>();
        collect(prefix, settings, names);
        return names;
    }

    private static void collect(String prefix, Class<?> type, Set<String> names) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + component.getName();
            if (component.getType().isRecord()) {
                collect(name, component.getType(), names);
            } else {
                // Spring's relaxed binding: dots become underscores, dashes (camel case) vanish
                names.add(name.replace(".", "_").replace("-", "").toUpperCase(Locale.ROOT));
            }
        }
    }
}
