package io.hookline.gateway.webhook;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The two delivery rules the gateway enforces when a webhook is created ({@code hookline.delivery.*};
 * the deliverer binds the same prefix for its own, larger record and enforces them again when it connects).
 *
 * @param allowInsecureHttp whether {@code http://} URLs are accepted (local development and tests only)
 * @param allowedCidrs non-public ranges that are nevertheless allowed (default: none)
 */
@ConfigurationProperties("hookline.delivery")
public record DeliverySettings(@DefaultValue("false") boolean allowInsecureHttp, @DefaultValue List<String> allowedCidrs) {

    public DeliverySettings {
        allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
    }
}
