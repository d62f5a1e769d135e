package io.hookline.schemas.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts signing secrets for storage in topics: AES-256-GCM with a random 96-bit nonce, written as
 * {@code v1.} + base64(nonce || ciphertext || tag). The key comes from configuration
 * ({@code hookline.secrets.key}, base64 of 32 bytes); the embedded default generates one under
 * {@code ./data}.
 */
public final class SecretCipher {

    private static final String VERSION = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** {@code Cipher.getInstance} looks the provider up on every call; one instance per thread, initialised per use. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    });

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("The secrets key must be 32 bytes (base64 of 32 random bytes), got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A cipher from the base64 key of configuration. */
    public static SecretCipher fromBase64Key(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("hookline.secrets.key is not set");
        }
        return new SecretCipher(Base64.getDecoder().decode(base64Key.trim()));
    }

    /** A new random key, base64, for configuration. */
    public static String generateKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public String encrypt(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws IllegalArgumentException when the text was not sealed with this key */
    public String decrypt(String sealedText) {
        if (sealedText == null || !sealedText.startsWith(VERSION)) {
            throw new IllegalArgumentException("Not an encrypted secret");
        }
        byte[] all = Base64.getDecoder().decode(sealedText.substring(VERSION.length()));
        if (all.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("Encrypted secret is truncated");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Secret cannot be decrypted with this key (was hookline.secrets.key changed?)", e);
        }
    }
}
