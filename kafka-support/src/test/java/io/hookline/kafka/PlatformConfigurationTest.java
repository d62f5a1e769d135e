package io.hookline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PlatformConfigurationTest {

    private static final String KEY = SecretCipher.generateKey();

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(PlatformConfiguration.class);

    @Test
    void shouldFallBackToKafkaBootstrapServersWhenTheSettingIsAbsent() {
        // given only the environment variable's name as a property (what Spring sees of KAFKA_BOOTSTRAP_SERVERS)
        context.withPropertyValues("KAFKA_BOOTSTRAP_SERVERS=broker-a:9092")
                // when / then
                .run(ctx -> assertThat(ctx.getBean(KafkaConnection.class).bootstrapServers()).isEqualTo("broker-a:9092"));
    }

    @Test
    void shouldPreferTheSettingOverTheVariableAndPassClientPropertiesThrough() {
        context.withPropertyValues("KAFKA_BOOTSTRAP_SERVERS=broker-a:9092", "hookline.kafka.bootstrap-servers=broker-b:9092",
                        "hookline.kafka.properties.security.protocol=SSL", "hookline.kafka.replication-factor=3")
                .run(ctx -> {
                    KafkaConnection connection = ctx.getBean(KafkaConnection.class);
                    assertThat(connection.bootstrapServers()).isEqualTo("broker-b:9092");
                    assertThat(connection.properties()).containsEntry("security.protocol", "SSL");
                    assertThat(connection.replicationFactor()).isEqualTo(3);
                });
    }

    @Test
    void shouldBindTheDeliveryUrlPolicyStrictByDefault() {
        context.run(ctx -> assertThat(ctx.getBean(DeliveryUrlPolicy.class)).isEqualTo(DeliveryUrlPolicy.strict()));
    }

    @Test
    void shouldBindTheDeliveryUrlPolicyOnceFromHooklineDelivery() {
        // given the settings as the README writes them, and a deliverer-only setting of the same prefix
        context.withPropertyValues("hookline.delivery.allow-insecure-http=true", "hookline.delivery.allowed-cidrs=127.0.0.0/8,10.0.0.0/8",
                        "hookline.delivery.timeout=5s")
                // when / then
                .run(ctx -> {
                    assertThat(ctx.getBeansOfType(DeliveryUrlPolicy.class)).hasSize(1);
                    assertThat(ctx.getBean(DeliveryUrlPolicy.class))
                            .isEqualTo(new DeliveryUrlPolicy(true, List.of("127.0.0.0/8", "10.0.0.0/8")));
                    assertThat(ctx.getBean(DeliveryUrlPolicy.class).addresses().refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
                    assertThat(ctx.getBean(DeliveryUrlPolicy.class).addresses().refusal(InetAddress.getByName("192.168.1.1"))).isPresent();
                });
    }

    @Test
    void shouldDefaultToTheLocalBroker() {
        context.run(ctx -> assertThat(ctx.getBean(KafkaConnection.class).bootstrapServers()).isEqualTo("localhost:9092"));
    }

    @Test
    void shouldRefuseToStartAComponentThatNeedsTheCipherWithoutAKey() {
        context.withBean(NeedsCipher.class)
                .run(ctx -> assertThat(ctx).hasFailed().getFailure()
                        .hasStackTraceContaining("hookline.secrets.key is not set").hasStackTraceContaining("HOOKLINE_SECRETS_KEY"));
    }

    @Test
    void shouldRefuseAKeyThatIsNotThirtyTwoBytes() {
        context.withBean(NeedsCipher.class).withPropertyValues("hookline.secrets.key=c2hvcnQ=")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure()
                        .hasStackTraceContaining("not the base64 of 32 bytes"));
        context.withBean(NeedsCipher.class).withPropertyValues("hookline.secrets.key=not base64!")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure()
                        .hasStackTraceContaining("not the base64 of 32 bytes"));
    }

    @Test
    void shouldStartAComponentThatNeverUsesTheKeyWithoutOne() {
        // the router: no secrets at all
        context.run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(Clock.class));
    }

    @Test
    void shouldEncryptWithTheConfiguredKey() {
        context.withPropertyValues("hookline.secrets.key=" + KEY).run(ctx -> {
            String sealed = ctx.getBean(SecretCipher.class).encrypt("whsec_x");
            assertThat(SecretCipher.fromBase64Key(KEY).decrypt(sealed)).isEqualTo("whsec_x");
            assertThat(ctx.getBean(SecretsKey.class).base64()).isEqualTo(KEY);
            assertThat(ctx.getBean(SecretsKey.class).toString()).doesNotContain(KEY);
        });
    }

    @Test
    void shouldSayWhetherADataDirectoryWasConfigured() {
        context.run(ctx -> assertThat(ctx.getBean(DataDir.class).resolve("router", Path.of("./data"))).isEqualTo(Path.of("./data/router")));
        context.withPropertyValues("hookline.data-dir=/var/lib/hookline")
                .run(ctx -> assertThat(ctx.getBean(DataDir.class).resolve("router", Path.of("./data")))
                        .isEqualTo(Path.of("/var/lib/hookline/router")));
    }

    record NeedsCipher(SecretCipher cipher) {
    }
}
