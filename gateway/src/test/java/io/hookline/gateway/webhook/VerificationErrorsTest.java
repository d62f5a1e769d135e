package io.hookline.gateway.webhook;

import static io.hookline.gateway.deliverylog.Attempts.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerificationErrorsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void shouldPassASuccessfulAttempt() {
        assertThat(VerificationErrors.of(attempt("wh_1", "dlv_1", 1, "succeeded", 204, "", null, NOW))).isEmpty();
    }

    @Test
    void shouldShowTheStatusAndTheFirst500CharactersOfTheBody() {
        String body = "x".repeat(499) + "yz";
        assertThat(VerificationErrors.of(attempt("wh_1", "dlv_1", 1, "failed", 500, body, "HTTP 500", NOW)))
                .contains("HTTP 500: " + "x".repeat(499) + "y");
    }

    @Test
    void shouldSayWhenTheErrorResponseHasNoBody() {
        assertThat(VerificationErrors.of(attempt("wh_1", "dlv_1", 1, "failed", 404, "", "HTTP 404", NOW)))
                .contains("HTTP 404 with an empty body");
    }

    @Test
    void shouldKeepTheDeliverersWordsForConnectionFailures() {
        assertThat(VerificationErrors.of(attempt("wh_1", "dlv_1", 1, "failed", null, null, "TLS handshake failed: PKIX path building failed", NOW)))
                .contains("TLS handshake failed: PKIX path building failed");
        assertThat(VerificationErrors.of(attempt("wh_1", "dlv_1", 1, "failed", null, null, "connection refused", NOW)))
                .contains("connection refused");
    }

    @Test
    void shouldSayHowLongItWaitedWhenNoAttemptCame() {
        assertThat(VerificationErrors.timedOut(Duration.ofSeconds(30))).startsWith("timed out after 30 s");
        assertThat(VerificationErrors.timedOut(Duration.ofMillis(1500))).startsWith("timed out after 1500 ms");
    }
}
