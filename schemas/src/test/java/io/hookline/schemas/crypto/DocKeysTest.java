package io.hookline.schemas.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DocKeysTest {

    private static final Instant EXPIRES = Instant.parse("2026-01-01T00:15:00Z");
    private final DocKeys keys = new DocKeys(SecretCipher.generateKey());

    @Test
    void shouldVerifyWhatItMintedUntilItExpires() {
        String token = keys.mint("team-1", "doc-1", "exe-1", EXPIRES);

        assertThat(keys.verify(token, EXPIRES)).contains(new DocKeys.Claim("team-1", "doc-1", "exe-1", EXPIRES.getEpochSecond()));
        assertThat(keys.verify(token, EXPIRES.plusSeconds(1))).isEmpty();
    }

    @Test
    void shouldRejectAKeyMintedWithAnotherSecretsKey() {
        String token = new DocKeys(SecretCipher.generateKey()).mint("team-1", "doc-1", "exe-1", EXPIRES);

        assertThat(keys.verify(token, EXPIRES)).isEmpty();
    }
}
