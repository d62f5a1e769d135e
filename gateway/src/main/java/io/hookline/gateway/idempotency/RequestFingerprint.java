package io.hookline.gateway.idempotency;

import io.hookline.gateway.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What makes two requests "the same" for {@code Idempotency-Key}: the method, the path with its
 * query, the exact body bytes, and the user who sent them. The user is part of it so that a
 * teammate reusing a key (keys are scoped to the team) gets a 409, never someone else's response,
 * which may hold a secret or an API key.
 */
final class RequestFingerprint {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1," + MAX_KEY_LENGTH + "}");

    private RequestFingerprint() {
    }

    /** @throws ApiException 422 naming the header when the key is empty, too long or not visible ASCII */
    static String validKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw ApiException.validation(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters (a UUID is a good choice)");
        }
        return key;
    }

    /** Lower-hex SHA-256 over the request's parts, each length-prefixed so that no two requests collide by concatenation. */
    static String of(String userId, String method, String pathAndQuery, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {userId, method, pathAndQuery}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(bytes);
            }
            digest.update((body.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
