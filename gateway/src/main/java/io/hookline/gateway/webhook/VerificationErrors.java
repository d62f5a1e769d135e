package io.hookline.gateway.webhook;

import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.states.AttemptStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns the outcome of a verification's test delivery into the sentence a person reads next to the
 * webhook. The deliverer's attempt errors ("timed out after 10s", "TLS handshake failed: …", "DNS name
 * not found: …", "connection refused") are already meant for people and are kept; a response gets its
 * status and the start of its body.
 */
final class VerificationErrors {

    static final int BODY_PREVIEW = 500;

    private VerificationErrors() {
    }

    /** Empty when the attempt succeeded; otherwise why the endpoint failed verification. */
    static Optional<String> of(DeliveryAttempt attempt) {
        if (AttemptStatus.SUCCEEDED.is(attempt.getStatus())) {
            return Optional.empty();
        }
        if (AttemptStatus.SKIPPED.is(attempt.getStatus())) {
            return Optional.of("the test delivery was skipped" + (attempt.getError() == null ? "" : ": " + attempt.getError()));
        }
        if (attempt.getResponseCode() != null) {
            String body = attempt.getResponseBody() == null ? "" : attempt.getResponseBody().strip();
            return Optional.of("HTTP " + attempt.getResponseCode() + (body.isEmpty()
                    ? " with an empty body"
                    : ": " + (body.length() > BODY_PREVIEW ? body.substring(0, BODY_PREVIEW) : body)));
        }
        String error = attempt.getError();
        return Optional.of(error == null || error.isBlank() ? "the test delivery failed without a response" : error);
    }

    /** When no attempt showed up on the delivery log in time. */
    static String timedOut(Duration waited) {
        return "timed out after " + human(waited) + ": the endpoint did not answer the test delivery in time";
    }

    static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
