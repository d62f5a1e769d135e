package io.hookline.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.principal.Role;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DocKeyFilterTest {

    private static final byte[] SECRETS_KEY = new byte[32];
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final DocKeyFilter filter = new DocKeyFilter(Base64.getEncoder().encodeToString(SECRETS_KEY), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldAcceptAKeySignedWithTheDerivedKeyAsAMemberOfTheDocsTeam() throws Exception {
        String token = token(SECRETS_KEY, "v1|team-1|doc-1|exe-1|" + NOW.plusSeconds(60).getEpochSecond());

        assertThat(filter.verify(token)).contains(new Caller("doc:doc-1", "team-1", Role.MEMBER));
    }

    @Test
    void shouldRejectAnExpiredKey() throws Exception {
        String token = token(SECRETS_KEY, "v1|team-1|doc-1|exe-1|" + NOW.minusSeconds(1).getEpochSecond());

        assertThat(filter.verify(token)).isEmpty();
    }

    @Test
    void shouldRejectAKeySignedWithAnotherSecret() throws Exception {
        byte[] other = new byte[32];
        other[0] = 1;
        String token = token(other, "v1|team-1|doc-1|exe-1|" + NOW.plusSeconds(60).getEpochSecond());

        assertThat(filter.verify(token)).isEmpty();
    }

    @Test
    void shouldRejectAPayloadSwappedToAnotherTeam() throws Exception {
        String genuine = token(SECRETS_KEY, "v1|team-1|doc-1|exe-1|" + NOW.plusSeconds(60).getEpochSecond());
        String forgedPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1|team-2|doc-1|exe-1|" + NOW.plusSeconds(60).getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        String forged = "dk_" + forgedPayload + genuine.substring(genuine.indexOf('.'));

        assertThat(filter.verify(forged)).isEmpty();
    }

    @Test
    void shouldRejectGarbage() {
        assertThat(filter.verify("dk_")).isEmpty();
        assertThat(filter.verify("dk_!!!.???")).isEmpty();
    }

    /** Built independently of the executor's minter, from the documented format. */
    private static String token(byte[] secretsKey, String payload) throws Exception {
        byte[] signing = hmac(secretsKey, "hookline-doc-key-v1".getBytes(StandardCharsets.US_ASCII));
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return "dk_" + encoded + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac(signing, encoded.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
