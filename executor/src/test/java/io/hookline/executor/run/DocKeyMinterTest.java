package io.hookline.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DocKeyMinterTest {

    private static final String SECRETS_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void shouldScopeTheKeyToTeamDocExecutionAndExpiry() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        String key = new DocKeyMinter(SECRETS_KEY, clock, Duration.ofMinutes(15)).mint("team-1", "doc-1", "exe-1");

        assertThat(key).startsWith("dk_");
        String payload = key.substring(3, key.indexOf('.'));
        assertThat(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .isEqualTo("v1|team-1|doc-1|exe-1|" + Instant.parse("2026-01-01T00:15:00Z").getEpochSecond());
    }

    @Test
    void shouldSignWithTheDerivedKey() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        String key = new DocKeyMinter(SECRETS_KEY, clock, Duration.ofMinutes(15)).mint("t", "d", "e");
        String payload = key.substring(3, key.indexOf('.'));

        byte[] expected = hmac(hmac(new byte[32], "hookline-doc-key-v1".getBytes(StandardCharsets.US_ASCII)),
                payload.getBytes(StandardCharsets.US_ASCII));

        assertThat(key.substring(key.indexOf('.') + 1)).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(expected));
    }

    /** Computed here from the documented format, not with the code under test. */
    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
