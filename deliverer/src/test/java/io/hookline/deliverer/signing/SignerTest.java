package io.hookline.deliverer.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.hookline.deliverer.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SignerTest {

    // the reference library checks the timestamp against the real clock (±5 min), so "now" it is
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Signer signer = new Signer(Clock.fixed(now, ZoneOffset.UTC));
    private final String body = "{\"event\":\"acronym.created\",\"data\":{\"name\":\"Zoë \\\"quoted\\\"\"}}";

    @Test
    void shouldProduceASignatureTheStandardWebhooksLibraryVerifies() throws Exception {
        // given
        String secret = Fixtures.newSecret();

        // when
        Signatures signatures = signer.sign("dlv_123", body, List.of(secret));

        // then
        assertThatCode(() -> new Webhook(secret).verify(body, headers("dlv_123", signatures))).doesNotThrowAnyException();
    }

    @Test
    void shouldSignWithEverySecretSpaceSeparatedSoThatEitherVerifiesAlone() {
        // given
        String newest = Fixtures.newSecret();
        String previous = Fixtures.newSecret();

        // when
        Signatures signatures = signer.sign("dlv_123", body, List.of(newest, previous));

        // then
        assertThat(signatures.webhookSignature().split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThatCode(() -> new Webhook(newest).verify(body, headers("dlv_123", signatures))).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(previous).verify(body, headers("dlv_123", signatures))).doesNotThrowAnyException();
    }

    @Test
    void shouldNotVerifyWithASecretItWasNotSignedWith() {
        // given
        Signatures signatures = signer.sign("dlv_123", body, List.of(Fixtures.newSecret()));

        // then
        assertThatThrownBy(() -> new Webhook(Fixtures.newSecret()).verify(body, headers("dlv_123", signatures)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void shouldStampTheClocksTimeInUnixSeconds() {
        // when
        Signatures signatures = signer.sign("dlv_123", body, List.of(Fixtures.newSecret()));

        // then
        assertThat(signatures.timestamp()).isEqualTo(now.getEpochSecond());
    }

    @Test
    void shouldSignTheRawBodyWithTheNewestFullSecretStringForTheSeedHeader() throws Exception {
        // given
        String newest = Fixtures.newSecret();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(newest.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));

        // when
        Signatures signatures = signer.sign("dlv_123", body, List.of(newest, Fixtures.newSecret()));

        // then
        assertThat(signatures.seedSignature()).isEqualTo(expected);
    }

    @Test
    void shouldRefuseToSignWithoutASecret() {
        assertThatThrownBy(() -> signer.sign("dlv_123", body, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, List<String>> headers(String id, Signatures signatures) {
        return Map.of("webhook-id", List.of(id),
                "webhook-timestamp", List.of(Long.toString(signatures.timestamp())),
                "webhook-signature", List.of(signatures.webhookSignature()));
    }
}
