package io.hookline.gateway.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook management settings ({@code hookline.gateway.webhooks.*}).
 *
 * @param verificationTimeout how long creation and {@code …/verify} wait for the test delivery's outcome
 * @param secretOverlap how long a rotated-out signing secret keeps signing next to the new one
 */
@ConfigurationProperties("hookline.gateway.webhooks")
public record WebhookSettings(@DefaultValue("30s") Duration verificationTimeout, @DefaultValue("24h") Duration secretOverlap) {

    public WebhookSettings {
        if (verificationTimeout.isNegative() || verificationTimeout.isZero()) {
            throw new IllegalArgumentException("hookline.gateway.webhooks.verification-timeout must be positive, got " + verificationTimeout);
        }
        if (secretOverlap.isNegative()) {
            throw new IllegalArgumentException("hookline.gateway.webhooks.secret-overlap must not be negative, got " + secretOverlap);
        }
    }
}
