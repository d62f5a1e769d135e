package io.hookline.gateway.webhook;

import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SigningSecrets;
import io.hookline.schemas.crypto.SecretCipher;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signing secrets: new ones ({@code whsec_} and base64 of 32 random bytes, the Standard Webhooks
 * form), which of a webhook's secrets sign now, and rotation with an overlap.
 */
final class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** The current (newest) secret in plaintext. */
    static String current(Webhook webhook, SecretCipher cipher) {
        return cipher.decrypt(SigningSecrets.newestFirst(webhook).get(0).getCiphertext());
    }

    /**
     * The secrets after a rotation at {@code now}: the new one first, then every older secret still
     * valid, each expiring at {@code now + overlap} at the latest; expired ones are dropped.
     */
    static List<SigningSecret> rotated(Webhook webhook, String newEncrypted, Instant now, Duration overlap) {
        Instant until = now.plus(overlap);
        List<SigningSecret> secrets = new ArrayList<>();
        secrets.add(new SigningSecret(newEncrypted, now, null));
        for (SigningSecret old : SigningSecrets.newestFirst(webhook)) {
            if (old.getExpiresAt() != null && !old.getExpiresAt().isAfter(now)) {
                continue;
            }
            Instant expires = old.getExpiresAt() == null || old.getExpiresAt().isAfter(until) ? until : old.getExpiresAt();
            secrets.add(new SigningSecret(old.getCiphertext(), old.getCreatedAt(), expires));
        }
        return secrets;
    }

}
