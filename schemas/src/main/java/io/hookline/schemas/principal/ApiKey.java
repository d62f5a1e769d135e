package io.hookline.schemas.principal;

import io.hookline.schemas.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key, {@code {user_id}-{suffix}}: the user id ({@code usr_<hex>}) says whose key it is, the
 * suffix (32 random bytes, base64url without padding) is the secret. Only the lower-hex SHA-256 of
 * the suffix's text is ever stored. {@link #toString()} never shows the suffix.
 */
public record ApiKey(String userId, String suffix) {

    private static final Pattern USER_ID = Pattern.compile("usr_[0-9a-f]{1,64}");
    private static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new key for this user. */
    public static ApiKey generate(String userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new ApiKey(userId, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The key in a bearer token, or empty when it does not have the key's form. */
    public static Optional<ApiKey> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        // User ids have no '-', suffixes may: the first '-' separates them.
        int dash = token.indexOf('-');
        if (dash < 0 || !token.startsWith(Ids.USER)) {
            return Optional.empty();
        }
        String userId = token.substring(0, dash);
        String suffix = token.substring(dash + 1);
        if (!USER_ID.matcher(userId).matches() || !SUFFIX.matcher(suffix).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ApiKey(userId, suffix));
    }

    /** What a client sends after {@code Bearer }. */
    public String value() {
        return userId + "-" + suffix;
    }

    /** Lower-hex SHA-256 of the suffix's UTF-8 text: what the principals topic stores. */
    public String hash() {
        return hash(suffix);
    }

    /** Whether this key is the one whose hash is stored; constant time in the hash. */
    public boolean matches(String storedHash) {
        if (storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash().getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The stored form of a suffix; also what a lookup of an unknown user compares against, so it takes as long. */
    public static String hash(String suffix) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(suffix.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKey[" + userId + "-***]";
    }
}
