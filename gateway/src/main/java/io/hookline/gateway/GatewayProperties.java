package io.hookline.gateway;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's settings ({@code hookline.gateway.*}).
 *
 * @param maxRequestSize request bodies above this get {@code 413}
 * @param writeTimeout how long a request waits for the gateway's own views: for a write to show up
 *     in them (read-your-writes) and, right after start-up, for them to catch up with their topics
 * @param bootstrap the owner created on first start
 */
@ConfigurationProperties("hookline.gateway")
public record GatewayProperties(
        @DefaultValue("10MB") DataSize maxRequestSize,
        @DefaultValue("10s") Duration writeTimeout,
        @DefaultValue Bootstrap bootstrap) {

    public GatewayProperties {
        if (maxRequestSize.toBytes() < 1 || maxRequestSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("hookline.gateway.max-request-size must be between 1B and 2GB, got " + maxRequestSize);
        }
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("hookline.gateway.write-timeout must be positive, got " + writeTimeout);
        }
    }

    /**
     * Creation of team {@code default}'s owner when none exists.
     *
     * @param enabled whether to create it (the embedded default turns this on)
     * @param ownerKeyFile where the owner's API key is written (mode 0600)
     */
    public record Bootstrap(@DefaultValue("false") boolean enabled, @DefaultValue("data/owner.key") Path ownerKeyFile) {
    }
}
