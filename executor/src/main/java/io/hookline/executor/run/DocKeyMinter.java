package io.hookline.executor.run;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints a dataset's {@code DEFINITE_API_KEY}: {@code dk_<payload>.<signature>}, where the payload
 * (base64url) is {@code v1|teamId|docId|executionId|expiresEpochSeconds} and the signature is
 * HMAC-SHA256 under a key derived from {@code hookline.secrets.key}. The gateway verifies it with the
 * same derivation (its {@code auth/DocKey}), so the key works for the doc's team only and only
 * until it expires. Keep the two in agreement.
 */
public final class DocKeyMinter {

    static final String PREFIX = "dk_";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] signingKey;
    private final Clock clock;
    private final Duration ttl;

    public DocKeyMinter(String base64SecretsKey, Clock clock, Duration ttl) {
        this.signingKey = derive(Base64.getDecoder().decode(base64SecretsKey));
        this.clock = clock;
        this.ttl = ttl;
    }

    public String mint(String teamId, String docId, String executionId) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String payload = String.join("|", "v1", teamId, docId, executionId, Long.toString(expires));
        String encoded = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return PREFIX + encoded + "." + B64.encodeToString(hmac(signingKey, encoded.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The doc-key signing key: HMAC-SHA256(secrets key, "hookline-doc-key-v1"), so the cipher's key is never used directly. */
    static byte[] derive(byte[] secretsKey) {
        return hmac(secretsKey, "hookline-doc-key-v1".getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
