package io.hookline.deliverer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Endpoint health settings ({@code hookline.delivery.health.*}).
 *
 * @param failureThreshold consecutive failures that open an endpoint's circuit
 * @param openFor          how long an open circuit makes deliveries wait before one probe is let through
 * @param disableAfter     a webhook failing without a single success this long is disabled automatically
 */
@ConfigurationProperties("hookline.delivery.health")
public record HealthProperties(
        @DefaultValue("10") int failureThreshold,
        @DefaultValue("30s") Duration openFor,
        @DefaultValue("5d") Duration disableAfter) {

    public HealthProperties {
        openFor = openFor == null ? Duration.ofSeconds(30) : openFor;
        disableAfter = disableAfter == null ? Duration.ofDays(5) : disableAfter;
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("hookline.delivery.health.failure-threshold must be positive: " + failureThreshold);
        }
        if (openFor.isNegative() || openFor.isZero() || disableAfter.isNegative() || disableAfter.isZero()) {
            throw new IllegalArgumentException("hookline.delivery.health.open-for and disable-after must be positive");
        }
    }

    public static HealthProperties defaults() {
        return new HealthProperties(10, null, null);
    }
}
