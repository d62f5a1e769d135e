package io.hookline.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SecretCipher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    static {
        // loading the topic catalog trusts our Avro classes for deep copies (newBuilder(other))
        io.hookline.schemas.topics.Topics.all();
    }

    private static final SecretCipher CIPHER = SecretCipher.fromBase64Key(SecretCipher.generateKey());

    @Test
    void shouldSealValuesKeepNamesAndOpenThemAgain() {
        // given headers sealed for storage
        Map<String, String> sealed = HeaderValues.sealed(Map.of("Authorization", "Bearer abc"), CIPHER);
        Webhook stored = Webhook.newBuilder(WebhookSecretsTest.webhook(List.of())).setHeaders(sealed).setHeaderValuesEncrypted(true).build();
        // then the name is in clear, the value is not, and the API opens it
        assertThat(sealed).containsOnlyKeys("Authorization");
        assertThat(sealed.get("Authorization")).doesNotContain("abc").startsWith("v1.");
        assertThat(HeaderValues.clear(stored, CIPHER)).containsExactly(Map.entry("Authorization", "Bearer abc"));
    }

    @Test
    void shouldReadAWebhookStoredBeforeValuesWereSealedAsItIs() {
        // a record of the previous schema reads with headerValuesEncrypted false, its values in clear
        Webhook old = Webhook.newBuilder(WebhookSecretsTest.webhook(List.of())).setHeaders(Map.of("X-Team", "v1.payments")).build();
        assertThat(old.getHeaderValuesEncrypted()).isFalse();
        assertThat(HeaderValues.clear(old, CIPHER)).containsExactly(Map.entry("X-Team", "v1.payments"));
    }
}
