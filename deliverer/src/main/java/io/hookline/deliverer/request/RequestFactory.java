package io.hookline.deliverer.request;

import io.hookline.deliverer.signing.Signatures;
import io.hookline.deliverer.signing.Signer;
import io.hookline.deliverer.tracing.AttemptSpan;
import io.hookline.deliverer.tracing.AttemptTracing;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.delivery.DeliveryBody;
import io.hookline.schemas.headers.CustomHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a delivery task into the signed request of API.md "Outbound request". */
public final class RequestFactory {

    private static final Logger log = LoggerFactory.getLogger(RequestFactory.class);

    /** {@code Hookline/<version>}: the jar's Implementation-Version, or the release this code belongs to. */
    public static final String USER_AGENT = "Hookline/"
            + Optional.ofNullable(RequestFactory.class.getPackage().getImplementationVersion()).orElse("0.1.0");

    private final Signer signer;
    private final SecretCipher cipher;
    private final String headerPrefix;
    private final AttemptTracing tracing;

    /** An untraced factory: the event's trace context, if any, is sent on unchanged. */
    public RequestFactory(Signer signer, SecretCipher cipher, String headerPrefix) {
        this(signer, cipher, headerPrefix, AttemptTracing.OFF);
    }

    /**
     * @param headerPrefix the prefix of the seed-compatible headers, {@code X-Define-} by default
     * @param tracing      starts each request's attempt span and gives it its {@code traceparent}
     */
    public RequestFactory(Signer signer, SecretCipher cipher, String headerPrefix, AttemptTracing tracing) {
        this.signer = signer;
        this.cipher = cipher;
        this.headerPrefix = headerPrefix;
        this.tracing = tracing;
    }

    /** The body alone, as it is (or would have been) sent. */
    public String body(DeliveryTask task) {
        return DeliveryBody.write(task);
    }

    /** @throws UnsignableException when the task has no secret or one that this key cannot decrypt */
    public OutboundRequest build(DeliveryTask task) {
        String body = DeliveryBody.write(task);
        List<String> secrets = decrypt(task.getSecrets());
        Signatures signatures;
        try {
            signatures = signer.sign(task.getDeliveryId(), body, secrets);
        } catch (IllegalArgumentException e) {
            throw new UnsignableException(e.getMessage(), e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        headers.put("webhook-id", task.getDeliveryId());
        headers.put("webhook-timestamp", Long.toString(signatures.timestamp()));
        headers.put("webhook-signature", signatures.webhookSignature());
        headers.put(headerPrefix + "Signature", signatures.seedSignature());
        headers.put(headerPrefix + "Webhook-ID", task.getWebhookId());
        headers.put(headerPrefix + "Delivery-ID", task.getDeliveryId());
        headers.put(headerPrefix + "Event", task.getEventType());
        if (task.getSendPlaintextSecret()) {
            headers.put(OutboundRequest.SECRET_HEADER, secrets.get(0));
        }
        // last of Hookline's own, once signing can no longer fail: a span starts only for a request that is sent
        AttemptSpan span = tracing.start(task, headers);
        addCustom(task, headers);
        return new OutboundRequest(task.getUrl(), headers, body, span);
    }

    /**
     * The webhook's custom headers, after Hookline's own. The gateway refused any it may not send; the
     * rules are checked again here because the task comes from a topic others can write, so no custom
     * header ever replaces one of Hookline's (the configured prefix included) or splits the request.
     */
    private void addCustom(DeliveryTask task, Map<String, String> headers) {
        String prefix = headerPrefix.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> custom : task.getHeaders().entrySet()) {
            String name = custom.getKey();
            String value = opened(custom.getValue());
            boolean clash = (!prefix.isEmpty() && name.toLowerCase(Locale.ROOT).startsWith(prefix))
                    || headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
            if (clash || !CustomHeaders.problems(Map.of(name, value)).isEmpty()) {
                log.warn("Delivery {}: not sending the custom header {}, which a webhook may not set", task.getDeliveryId(), name);
                continue;
            }
            headers.put(name, value);
        }
    }

    /**
     * A custom header's value in clear. The gateway seals them with the signing secrets' cipher; tasks of
     * webhooks stored before it did carry them in clear, and a clear value is no sealed text of this key
     * (its authentication tag would have to match), so it is sent as it is.
     */
    private String opened(String value) {
        try {
            return cipher.decrypt(value);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private List<String> decrypt(List<String> sealed) {
        if (sealed.isEmpty()) {
            throw new UnsignableException("the delivery has no signing secret", null);
        }
        try {
            return sealed.stream().map(cipher::decrypt).toList();
        } catch (IllegalArgumentException e) {
            throw new UnsignableException("a signing secret cannot be decrypted: " + e.getMessage(), e);
        }
    }
}
