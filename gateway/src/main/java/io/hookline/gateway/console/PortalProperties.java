package io.hookline.gateway.console;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embeddable portal's settings ({@code hookline.portal.*}).
 *
 * @param allowedOrigins origins (such as {@code https://app.example.com}) whose pages may frame the
 *     console opened by a portal link; empty (the default): no framing at all
 */
@ConfigurationProperties("hookline.portal")
public record PortalProperties(@DefaultValue List<String> allowedOrigins) {

    /** An origin, nothing else: it goes into a CSP header, where a space or ';' would add a directive. */
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    public PortalProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
        for (String origin : allowedOrigins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("hookline.portal.allowed-origins must list origins such as https://app.example.com, got " + origin);
            }
        }
    }
}
