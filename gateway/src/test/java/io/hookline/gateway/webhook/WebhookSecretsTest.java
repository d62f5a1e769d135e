package io.hookline.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import io.hookline.schemas.crypto.SecretCipher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.hookline.schemas.crypto.SigningSecrets;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

    static {
        // loading the topic catalog trusts our Avro classes for deep copies (newBuilder(other))
        io.hookline.schemas.topics.Topics.all();
    }

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.generateKey());

    @Test
    void shouldKeepTheOldSecretSigningForTheOverlapAfterARotation() {
        // given a webhook with one secret
        Webhook webhook = webhook(List.of(new SigningSecret(cipher.encrypt("whsec_old"), NOW.minusSeconds(3600), null)));
        // when
        List<SigningSecret> rotated = WebhookSecrets.rotated(webhook, cipher.encrypt("whsec_new"), NOW, Duration.ofHours(24));
        Webhook after = Webhook.newBuilder(webhook).setSecrets(rotated).build();
        // then both sign now, newest first; only the new one after a day
        assertThat(SigningSecrets.validAt(after, NOW.plusSeconds(60)).stream().map(cipher::decrypt)).containsExactly("whsec_new", "whsec_old");
        assertThat(SigningSecrets.validAt(after, NOW.plus(Duration.ofHours(24))).stream().map(cipher::decrypt)).containsExactly("whsec_new");
        assertThat(WebhookSecrets.current(after, cipher)).isEqualTo("whsec_new");
    }

    @Test
    void shouldDropExpiredSecretsAndNeverExtendAnEarlierExpiry() {
        Webhook webhook = webhook(List.of(
                new SigningSecret(cipher.encrypt("whsec_b"), NOW.minusSeconds(60), NOW.plusSeconds(600)),
                new SigningSecret(cipher.encrypt("whsec_a"), NOW.minusSeconds(120), NOW.minusSeconds(1))));
        List<SigningSecret> rotated = WebhookSecrets.rotated(webhook, cipher.encrypt("whsec_c"), NOW, Duration.ofHours(24));
        assertThat(rotated).extracting(s -> cipher.decrypt(s.getCiphertext())).containsExactly("whsec_c", "whsec_b");
        assertThat(rotated.get(1).getExpiresAt()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void shouldGenerateStandardWebhooksSecrets() {
        assertThat(WebhookSecrets.generate()).startsWith("whsec_").hasSize("whsec_".length() + 44).isNotEqualTo(WebhookSecrets.generate());
    }

    static Webhook webhook(List<SigningSecret> secrets) {
        return Webhook.newBuilder().setId("wh_1").setTenantId("team_a").setUrl("https://example.com/hook").setEvents(List.of("*"))
                .setStatus(WebhookStatusSymbol.active).setEnabled(true).setCreatedAt(NOW).setUpdatedAt(NOW).setSecrets(secrets)
                .setRetryPolicy(RetryPolicyJson.none().toAvro()).build();
    }
}
