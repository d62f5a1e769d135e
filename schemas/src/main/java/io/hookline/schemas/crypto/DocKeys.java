package io.hookline.schemas.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The short-lived key a dataset gets as {@code DEFINITE_API_KEY}, minted by the executor and verified by
 * the gateway: {@code dk_<payload>.<signature>}, where the payload (base64url) is
 * {@code v1|teamId|docId|executionId|expiresEpochSeconds} and the signature (base64url) is HMAC-SHA256 of
 * the encoded payload under HMAC-SHA256({@code hookline.secrets.key}, "hookline-doc-key-v1"), so the
 * secrets cipher's key is never used directly. One class for both halves, so they cannot disagree.
 */
public final class DocKeys {

    public static final String PREFIX = "dk_";
    private static final String VERSION = "v1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** What a valid key stands for. */
    public record Claim(String teamId, String docId, String executionId, long expiresEpochSeconds) {
    }

    private final byte[] signingKey;

    /** @param base64SecretsKey {@code hookline.secrets.key} */
    public DocKeys(String base64SecretsKey) {
        this.signingKey = hmac(Base64.getDecoder().decode(base64SecretsKey), "hookline-doc-key-v1".getBytes(StandardCharsets.US_ASCII));
    }

    public String mint(String teamId, String docId, String executionId, Instant expires) {
        String payload = String.join("|", VERSION, teamId, docId, executionId, Long.toString(expires.getEpochSecond()));
        String encoded = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return PREFIX + encoded + "." + B64.encodeToString(hmac(signingKey, encoded.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The claim of a key, or empty when it is malformed, forged or expired at {@code now}. */
    public Optional<Claim> verify(String token, Instant now) {
        int dot = token.indexOf('.');
        if (!token.startsWith(PREFIX) || dot < 0) {
            return Optional.empty();
        }
        String payload = token.substring(PREFIX.length(), dot);
        byte[] signature;
        String[] fields;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            fields = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(signature, hmac(signingKey, payload.getBytes(StandardCharsets.US_ASCII)))
                || fields.length != 5 || !fields[0].equals(VERSION)) {
            return Optional.empty();
        }
        long expires;
        try {
            expires = Long.parseLong(fields[4]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return now.getEpochSecond() > expires ? Optional.empty() : Optional.of(new Claim(fields[1], fields[2], fields[3], expires));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
