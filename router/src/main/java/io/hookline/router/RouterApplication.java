package io.hookline.router;

import io.hookline.kafka.PlatformConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The router on its own: one instance of a horizontally scaled Kafka Streams application. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({PlatformConfiguration.class, RouterConfiguration.class})
public class RouterApplication {

    public static void main(String[] args) {
        SpringApplication.run(RouterApplication.class, args);
    }
}
