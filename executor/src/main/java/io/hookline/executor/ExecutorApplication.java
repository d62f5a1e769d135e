package io.hookline.executor;

import io.hookline.kafka.PlatformConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The executor on its own: one of N instances of a consumer group against a Kafka cluster. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({PlatformConfiguration.class, ExecutorConfiguration.class})
public class ExecutorApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExecutorApplication.class, args);
    }
}
