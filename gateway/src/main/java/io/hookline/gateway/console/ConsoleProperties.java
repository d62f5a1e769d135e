package io.hookline.gateway.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin console's settings ({@code hookline.console.*}).
 *
 * @param enabled whether {@code /admin} is served at all
 * @param idleTimeout a session unused this long is over
 * @param maxAge a session is over this long after sign-in, used or not
 */
@ConfigurationProperties("hookline.console")
public record ConsoleProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30m") Duration idleTimeout,
        @DefaultValue("12h") Duration maxAge) {

    public ConsoleProperties {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("hookline.console.idle-timeout must be positive, got " + idleTimeout);
        }
        if (maxAge.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("hookline.console.max-age must be at least the idle timeout, got " + maxAge);
        }
    }
}
