package io.hookline.kafka;

import io.hookline.schemas.net.AddressPolicy;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which webhook URLs may be delivered to ({@code hookline.delivery.*}): the gateway refuses others when a
 * webhook is created, and the deliverer enforces the same rules again on the addresses it connects to.
 * Bound once, by {@link PlatformConfiguration}, so that the two cannot read the settings differently
 * (they were two records binding one prefix); the deliverer's own settings stay in its {@code DeliveryProperties}.
 * Secure by default: HTTPS only, every non-public address refused.
 *
 * @param allowInsecureHttp whether {@code http://} URLs may be used (local development and tests only)
 * @param allowedCidrs      non-public ranges that may be called nevertheless (e.g. {@code 127.0.0.0/8} in tests; default: none)
 */
@ConfigurationProperties("hookline.delivery")
public record DeliveryUrlPolicy(@DefaultValue("false") boolean allowInsecureHttp, @DefaultValue List<String> allowedCidrs) {

    public DeliveryUrlPolicy {
        allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
    }

    /** HTTPS only, no non-public address: what a deployment without any of these settings gets. */
    public static DeliveryUrlPolicy strict() {
        return new DeliveryUrlPolicy(false, List.of());
    }

    /** The addresses that may be connected to (a malformed range fails here, when a component is wired). */
    public AddressPolicy addresses() {
        return new AddressPolicy(allowedCidrs);
    }
}
