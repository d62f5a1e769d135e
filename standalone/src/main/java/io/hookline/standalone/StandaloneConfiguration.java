package io.hookline.standalone;

import io.hookline.deliverer.DelivererConfiguration;
import io.hookline.executor.ExecutorConfiguration;
import io.hookline.gateway.GatewayConfiguration;
import io.hookline.kafka.PlatformConfiguration;
import io.hookline.router.RouterConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The components in one Spring context, sharing one Kafka connection and one secrets key
 * ({@link PlatformConfiguration}, the same beans a component started alone uses). The
 * executor joins only where it can sandbox (see {@link SandboxAvailable}), so the rest of the platform
 * starts on a machine with nothing but a JDK.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({PlatformConfiguration.class, GatewayConfiguration.class, RouterConfiguration.class, DelivererConfiguration.class, StandaloneConfiguration.ExecutorRole.class})
class StandaloneConfiguration {

    @Configuration(proxyBeanMethods = false)
    @Conditional(SandboxAvailable.class)
    @Import(ExecutorConfiguration.class)
    static class ExecutorRole {
    }
}
