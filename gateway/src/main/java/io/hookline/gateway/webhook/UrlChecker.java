package io.hookline.gateway.webhook;

import io.hookline.schemas.net.AddressPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a webhook URL may be delivered to: absolute, {@code https://} (unless insecure HTTP is
 * allowed), and every address its host resolves to (if it resolves) allowed by the {@link AddressPolicy}.
 * Resolving blocks, so callers run it off the event loop.
 */
final class UrlChecker {

    static final int MAX_LENGTH = 2048;

    private final AddressPolicy policy;
    private final boolean allowInsecureHttp;
    private final HostResolver resolver;

    UrlChecker(AddressPolicy policy, boolean allowInsecureHttp, HostResolver resolver) {
        this.policy = policy;
        this.allowInsecureHttp = allowInsecureHttp;
        this.resolver = resolver;
    }

    /** What is wrong with this URL, or empty when webhooks may use it. */
    Optional<String> problem(String url) {
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("must be an absolute URL with a host, such as https://example.com/webhooks");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowInsecureHttp && scheme.equals("http"))) {
            return Optional.of(allowInsecureHttp ? "must be an https:// or http:// URL" : "must be an https:// URL");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not contain credentials");
        }
        return addressProblem(hostOf(uri));
    }

    private Optional<String> addressProblem(String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            // Not a refusal: the name may exist later, and the deliverer checks every address it
            // connects to anyway. Verification reports it to the person ("DNS name not found").
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                return Optional.of("host " + host + " resolves to a refused address: " + refusal.get());
            }
        }
        return Optional.empty();
    }

    /** The host without the brackets of an IPv6 literal. */
    private static String hostOf(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
