package io.hookline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.kafka.PlatformConfiguration;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
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

    record NeedsCipher(SecretCipher cipher) {
    }
}
