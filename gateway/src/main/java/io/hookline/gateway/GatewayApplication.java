package io.hookline.gateway;

import io.hookline.kafka.PlatformConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * The gateway on its own, against the cluster in {@code KAFKA_BOOTSTRAP_SERVERS}. Its defaults
 * (port 8080, health only) are in {@code gateway-application.properties}, not in an
 * {@code application.properties} that would shadow the one of an application embedding the gateway.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({PlatformConfiguration.class, GatewayConfiguration.class})
@PropertySource("classpath:io/hookline/gateway/gateway-application.properties")
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
