package io.hookline.schemas.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

    @Test
    void shouldDecryptWhatItEncrypted() {
        SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.generateKey());

        String sealed = cipher.encrypt("whsec_abc");

        assertThat(sealed).startsWith("v1.").doesNotContain("whsec_abc");
        assertThat(cipher.decrypt(sealed)).isEqualTo("whsec_abc");
    }

    @Test
    void shouldUseAFreshNonceEachTime() {
        SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.generateKey());

        assertThat(cipher.encrypt("same")).isNotEqualTo(cipher.encrypt("same"));
    }

    @Test
    void shouldRefuseCiphertextSealedWithAnotherKey() {
        String sealed = SecretCipher.fromBase64Key(SecretCipher.generateKey()).encrypt("whsec_abc");
        SecretCipher other = SecretCipher.fromBase64Key(SecretCipher.generateKey());

        assertThatThrownBy(() -> other.decrypt(sealed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAKeyOfTheWrongLength() {
        assertThatThrownBy(() -> SecretCipher.fromBase64Key("c2hvcnQ="))
                .hasMessageContaining("32 bytes");
    }
}
