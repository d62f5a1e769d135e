package io.hookline.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.gateway.web.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

    private static final byte[] BODY = "{\"email\":\"a@example.com\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldGiveTheSameRequestTheSameFingerprint() {
        assertThat(RequestFingerprint.of("usr_1", "POST", "/v4/users", BODY))
                .isEqualTo(RequestFingerprint.of("usr_1", "POST", "/v4/users", BODY.clone()))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void shouldTellApartOtherBodiesPathsAndUsers() {
        String first = RequestFingerprint.of("usr_1", "POST", "/v4/users", BODY);

        assertThat(RequestFingerprint.of("usr_1", "POST", "/v4/users", "{}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(first);
        assertThat(RequestFingerprint.of("usr_1", "POST", "/v4/webhooks", BODY)).isNotEqualTo(first);
        assertThat(RequestFingerprint.of("usr_2", "POST", "/v4/users", BODY)).isNotEqualTo(first);
    }

    @Test
    void shouldNotLetPartsRunIntoEachOther() {
        assertThat(RequestFingerprint.of("usr_1", "POST", "/v4/a", "b".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(RequestFingerprint.of("usr_1", "POST", "/v4/ab", new byte[0]));
    }

    @Test
    void shouldAcceptAUuidAsKey() {
        assertThat(RequestFingerprint.validKey("0b7c4f0e-8d1a-4c5e-9f3a-2b1c0d9e8f7a")).isEqualTo("0b7c4f0e-8d1a-4c5e-9f3a-2b1c0d9e8f7a");
    }

    @Test
    void shouldRefuseEmptyLongAndNonAsciiKeys() {
        for (String key : new String[] {"", "a".repeat(256), "clé", "with space"}) {
            assertThatThrownBy(() -> RequestFingerprint.validKey(key)).as(key)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details()).singleElement()
                            .satisfies(p -> assertThat(p.field()).isEqualTo("Idempotency-Key")));
        }
    }
}
