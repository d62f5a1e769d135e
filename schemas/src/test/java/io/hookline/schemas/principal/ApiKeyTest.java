package io.hookline.schemas.principal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    @Test
    void shouldParseTheKeyItGenerates() {
        // given
        ApiKey key = ApiKey.generate("usr_0123456789abcdef0123456789abcdef");

        // when
        ApiKey parsed = ApiKey.parse(key.value()).orElseThrow();

        // then
        assertThat(parsed).isEqualTo(key);
        assertThat(key.suffix()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(key.value()).isEqualTo("usr_0123456789abcdef0123456789abcdef-" + key.suffix());
    }

    @Test
    void shouldSplitAtTheFirstDashBecauseSuffixesMayContainDashes() {
        // when
        ApiKey key = ApiKey.parse("usr_abc123-ab-cd_ef-ghijklmnopqrstu").orElseThrow();

        // then
        assertThat(key.userId()).isEqualTo("usr_abc123");
        assertThat(key.suffix()).isEqualTo("ab-cd_ef-ghijklmnopqrstu");
    }

    @Test
    void shouldRejectWhatIsNotAKey() {
        assertThat(ApiKey.parse(null)).isEmpty();
        assertThat(ApiKey.parse("")).isEmpty();
        assertThat(ApiKey.parse("usr_abc")).isEmpty();
        assertThat(ApiKey.parse("usr_abc-")).isEmpty();
        assertThat(ApiKey.parse("usr_ABC-abcdefghijklmnopqrstuvwxyz")).isEmpty();
        assertThat(ApiKey.parse("adm_abc-abcdefghijklmnopqrstuvwxyz")).isEmpty();
        assertThat(ApiKey.parse("usr_abc-abc def ghijklmnopqrstuvwxyz")).isEmpty();
    }

    @Test
    void shouldHashTheSuffixAsLowerHexSha256() throws Exception {
        // given
        ApiKey key = ApiKey.generate("usr_1");

        // when
        String hash = key.hash();

        // then
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(key.suffix().getBytes(StandardCharsets.UTF_8));
        assertThat(hash).isEqualTo(HexFormat.of().formatHex(expected)).matches("[0-9a-f]{64}");
        assertThat(key.matches(hash)).isTrue();
        assertThat(key.matches(ApiKey.generate("usr_1").hash())).isFalse();
        assertThat(key.matches(null)).isFalse();
    }

    @Test
    void shouldNeverShowTheSuffixInToString() {
        ApiKey key = ApiKey.generate("usr_1");
        assertThat(key.toString()).contains("usr_1").doesNotContain(key.suffix());
    }
}
