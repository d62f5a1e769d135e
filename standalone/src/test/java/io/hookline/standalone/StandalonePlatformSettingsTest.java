package io.hookline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.kafka.DeliveryUrlPolicy;
import io.hookline.kafka.PlatformConfiguration;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The standalone binds the shared settings as a component started alone does (it used to declare its own
 * copies, without the {@code KAFKA_BOOTSTRAP_SERVERS} fallback and without the key check).
 */
class StandalonePlatformSettingsTest {

    /** The standalone's own imports, less the components (which need a broker to start). */
    private final ApplicationContextRunner platform = new ApplicationContextRunner()
            .withUserConfiguration(Arrays.stream(StandaloneConfiguration.class.getAnnotation(Import.class).value())
                    .filter(type -> type.getPackageName().equals(PlatformConfiguration.class.getPackageName()))
                    .toArray(Class<?>[]::new));

    @Test
    void shouldDeclareNoSharedBeanOfItsOwn() {
        for (Method method : StandaloneConfiguration.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Bean.class)) {
                assertThat(method.getReturnType()).as(method.getName()).isNotIn(KafkaConnection.class, SecretCipher.class);
            }
        }
        assertThat(StandaloneConfiguration.class.getAnnotation(Import.class).value()).contains(PlatformConfiguration.class);
    }

    @Test
    void shouldFallBackToKafkaBootstrapServers() {
        platform.withPropertyValues("KAFKA_BOOTSTRAP_SERVERS=broker-a:9092")
                .run(ctx -> assertThat(ctx.getBean(KafkaConnection.class).bootstrapServers()).isEqualTo("broker-a:9092"));
    }

    @Test
    void shouldRefuseAMalformedSecretsKeyWithAClearMessage() {
        platform.withPropertyValues("hookline.secrets.key=c2hvcnQ=")
                .run(ctx -> assertThat(ctx.getBean(KafkaConnection.class)).isNotNull());
        platform.withPropertyValues("hookline.secrets.key=c2hvcnQ=").withBean(NeedsCipher.class)
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("hookline.secrets.key is not the base64 of 32 bytes"));
    }

    @Test
    void shouldBindEachSettingInOneRecordOnlySoThatGatewayAndDelivererReadTheUrlPolicyAlike() {
        // given every settings record the standalone's configurations bind
        Map<String, List<Class<?>>> owners = new HashMap<>();
        for (Class<?> settings : boundSettings(StandaloneConfiguration.class, new HashSet<>())) {
            String prefix = settings.getAnnotation(ConfigurationProperties.class).value();
            for (RecordComponent component : settings.getRecordComponents()) {
                owners.computeIfAbsent(prefix + "." + component.getName(), name -> new ArrayList<>()).add(settings);
            }
        }

        // then the URL policy is bound once, by the platform, and no setting by two records
        assertThat(owners.get("hookline.delivery.allowInsecureHttp")).containsExactly(DeliveryUrlPolicy.class);
        assertThat(owners.get("hookline.delivery.allowedCidrs")).containsExactly(DeliveryUrlPolicy.class);
        assertThat(owners).allSatisfy((name, records) -> assertThat(records).as(name).hasSize(1));
        platform.withPropertyValues("hookline.delivery.allow-insecure-http=true")
                .run(ctx -> assertThat(ctx.getBean(DeliveryUrlPolicy.class).allowInsecureHttp()).isTrue());
    }

    /** The records bound by the configuration, by what it imports and by its nested configurations. */
    private static Set<Class<?>> boundSettings(Class<?> configuration, Set<Class<?>> seen) {
        Set<Class<?>> settings = new HashSet<>();
        if (!seen.add(configuration)) {
            return settings;
        }
        EnableConfigurationProperties bound = configuration.getAnnotation(EnableConfigurationProperties.class);
        if (bound != null) {
            settings.addAll(Arrays.asList(bound.value()));
        }
        Import imports = configuration.getAnnotation(Import.class);
        for (Class<?> imported : imports == null ? new Class<?>[0] : imports.value()) {
            settings.addAll(boundSettings(imported, seen));
        }
        for (Class<?> nested : configuration.getDeclaredClasses()) {
            settings.addAll(boundSettings(nested, seen));
        }
        return settings;
    }

    record NeedsCipher(SecretCipher cipher) {
    }
}
