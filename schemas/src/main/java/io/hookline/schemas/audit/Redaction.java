package io.hookline.schemas.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What no audit entry may hold in clear, removed from a resource's JSON before it is written: signing
 * secrets, API keys and their hashes, tokens, the values of custom headers (they often carry
 * credentials) and of environment variables. Keys of headers and variables stay, so an entry still says
 * which one changed. Applied to every before and after, whatever the resource, by field name.
 */
public final class Redaction {

    public static final String REDACTED = "<redacted>";

    /** Fields whose value is a secret wherever they appear. */
    static final Set<String> SECRET_FIELDS = Set.of("secret", "secrets", "apiKey", "keyHash", "token", "password");
    /** Fields that hold a map whose values are secret and whose keys are not. */
    static final Set<String> SECRET_VALUE_MAPS = Set.of("headers", "environmentVariables");

    private Redaction() {
    }

    /** A copy of {@code json} with every secret replaced by {@link #REDACTED}; null stays null. */
    public static JsonNode redact(JsonNode json) {
        if (json == null) {
            return null;
        }
        JsonNode copy = json.deepCopy();
        walk(copy);
        return copy;
    }

    /**
     * A short hash prefix of a secret ({@code sha256:} and 12 hex digits): enough to tell two secrets
     * apart in the log, far too little to find one (secrets are 24 random bytes or more).
     */
    public static String fingerprint(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (SECRET_FIELDS.contains(field.getKey())) {
                    if (!value.isNull()) {
                        field.setValue(object.stringNode(REDACTED));
                    }
                } else if (SECRET_VALUE_MAPS.contains(field.getKey()) && value instanceof ObjectNode map) {
                    map.properties().forEach(entry -> entry.setValue(map.stringNode(REDACTED)));
                } else {
                    walk(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(Redaction::walk);
        }
    }
}
