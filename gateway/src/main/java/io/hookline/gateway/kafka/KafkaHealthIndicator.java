package io.hookline.gateway.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Whether the gateway can reach Kafka: {@code describeCluster} with a short timeout. */
public final class KafkaHealthIndicator implements HealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final GatewayAdmin admin;

    public KafkaHealthIndicator(GatewayAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Health health() {
        try {
            return Health.up().withDetail("clusterId", admin.clusterId(TIMEOUT)).build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("reason", "Kafka did not answer within " + TIMEOUT.toSeconds() + " s").build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("reason", "Kafka is unreachable: " + e.getCause().getMessage()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("reason", "interrupted").build();
        }
    }
}
