package io.hookline.gateway.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/** New signing secrets: {@code whsec_} and base64 of 32 random bytes (Standard Webhooks form). */
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
}
