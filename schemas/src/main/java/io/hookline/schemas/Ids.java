package io.hookline.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The prefixed ids of API.md: {@code wh_…}, {@code dlv_…}, {@code att_…}, {@code evt_…}, {@code usr_…}. */
public final class Ids {

    public static final String WEBHOOK = "wh_";
    public static final String DELIVERY = "dlv_";
    public static final String ATTEMPT = "att_";
    public static final String EVENT = "evt_";
    public static final String USER = "usr_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    /** The router derives a delivery id per delivery: one digest per thread, not a provider lookup each time. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    private Ids() {
    }

    /** A new random id: the prefix and 128 random bits in hex. */
    public static String random(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HEX.formatHex(bytes);
    }

    /**
     * The delivery id of an event for a webhook. Deterministic, so routing the same event twice
     * (after a crash, say) yields the same id and receivers can deduplicate.
     */
    public static String deliveryId(String eventId, String webhookId) {
        return DELIVERY + HEX.formatHex(sha256(eventId + "\n" + webhookId), 0, 16);
    }

    /** An event id for a record that came without one, derived from where it sits in Kafka. */
    public static String eventId(String topic, int partition, long offset) {
        return EVENT + HEX.formatHex(sha256(topic + "\n" + partition + "\n" + offset), 0, 16);
    }

    private static byte[] sha256(String text) {
        return SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8)); // digest() also resets it for the next use
    }
}
