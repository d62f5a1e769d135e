package io.hookline.deliverer.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs an outbound body the two ways API.md promises: Standard Webhooks ({@code webhook-signature},
 * one {@code v1,…} per valid secret) and the seed-compatible {@code sha256=<hex>} of the raw body
 * keyed with the newest secret string. The timestamp is the signer's clock at signing time.
 */
public final class Signer {

    private static final String SECRET_PREFIX = "whsec_";
    private static final String HMAC = "HmacSHA256";

    /** {@code Mac.getInstance} looks the provider up on every call; one instance per thread, keyed per use. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    });

    private final Clock clock;

    public Signer(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param messageId the delivery id ({@code webhook-id})
     * @param body      the exact body sent
     * @param secrets   plaintext secrets {@code whsec_…}, newest first; at least one
     */
    public Signatures sign(String messageId, String body, List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("A delivery needs at least one signing secret");
        }
        long timestamp = clock.instant().getEpochSecond();
        byte[] signedContent = (messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        String standard = secrets.stream()
                .map(secret -> "v1," + Base64.getEncoder().encodeToString(hmac(standardKey(secret), signedContent)))
                .collect(Collectors.joining(" "));
        byte[] seedKey = secrets.get(0).getBytes(StandardCharsets.UTF_8);
        String seed = "sha256=" + HexFormat.of().formatHex(hmac(seedKey, body.getBytes(StandardCharsets.UTF_8)));
        return new Signatures(timestamp, standard, seed);
    }

    /** Standard Webhooks: the key is the base64 after {@code whsec_}, decoded. */
    private static byte[] standardKey(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // never include the secret itself in the message
            throw new IllegalArgumentException("A signing secret is not whsec_ followed by base64", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 cannot take this key", e);
        }
    }
}
