package io.hookline.schemas.crypto;

import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.Webhook;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Which of a webhook's stored secrets sign a delivery: the contract of {@code Webhook.secrets}, shared
 * by everything that builds a delivery task (the router, the gateway's test sends, re-deliveries).
 */
public final class SigningSecrets {

    private SigningSecrets() {
    }

    /**
     * The encrypted secrets that sign at {@code at} (no expiry, or expiring later), newest first: after a
     * rotation the old secret signs alongside the new one until it expires. Should clocks disagree so
     * that none looks valid, the newest alone, rather than sending unsigned.
     */
    public static List<String> validAt(Webhook webhook, Instant at) {
        List<SigningSecret> newestFirst = newestFirst(webhook);
        List<String> valid = newestFirst.stream()
                .filter(s -> s.getExpiresAt() == null || s.getExpiresAt().isAfter(at))
                .map(SigningSecret::getCiphertext)
                .toList();
        return valid.isEmpty() && !newestFirst.isEmpty() ? List.of(newestFirst.get(0).getCiphertext()) : valid;
    }

    /** The stored secrets, newest first. */
    public static List<SigningSecret> newestFirst(Webhook webhook) {
        return webhook.getSecrets().stream().sorted(Comparator.comparing(SigningSecret::getCreatedAt).reversed()).toList();
    }
}
