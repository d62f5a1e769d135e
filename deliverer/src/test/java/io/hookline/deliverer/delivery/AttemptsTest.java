package io.hookline.deliverer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.Fixtures;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.TriggerSymbol;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttemptsTest {

    private final DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret())
            .setAttempt(3).setTrigger(TriggerSymbol.manual).build();
    private final Instant at = Instant.parse("2026-03-28T10:15:07Z");
    private final Map<String, String> headers = Map.of("webhook-id", "dlv_x");

    @Test
    void shouldRecordA2xxAnswerAsSucceededWithTheResponse() {
        // when
        DeliveryAttempt attempt = Attempts.of(task, headers, "{}",
                new DeliveryOutcome.Responded(204, Map.of("server", "test"), ""), at, 42);

        // then
        assertThat(attempt.getStatus().name()).isEqualTo("succeeded");
        assertThat(attempt.getResponseCode()).isEqualTo(204);
        assertThat(attempt.getResponseHeaders()).containsEntry("server", "test");
        assertThat(attempt.getResponseBody()).isEmpty();
        assertThat(attempt.getError()).isNull();
        assertThat(attempt.getAttemptId()).startsWith("att_");
        assertThat(attempt.getAttempt()).isEqualTo(3);
        assertThat(attempt.getTrigger().name()).isEqualTo("manual");
        assertThat(attempt.getAttemptedAt()).isEqualTo(at);
        assertThat(attempt.getDurationMs()).isEqualTo(42);
        assertThat(attempt.getDeliveryId()).isEqualTo(task.getDeliveryId());
        assertThat(attempt.getWebhookId()).isEqualTo(task.getWebhookId());
        assertThat(attempt.getTenantId()).isEqualTo(task.getTenantId());
        assertThat(attempt.getEventId()).isEqualTo(task.getEventId());
        assertThat(attempt.getEventType()).isEqualTo(task.getEventType());
        assertThat(attempt.getUrl()).isEqualTo(task.getUrl());
        assertThat(attempt.getRequestHeaders()).isEqualTo(headers);
        assertThat(attempt.getRequestBody()).isEqualTo("{}");
    }

    @Test
    void shouldRecordANon2xxAnswerAsFailedWithItsCodeAndBody() {
        // when
        DeliveryAttempt attempt = Attempts.of(task, headers, "{}",
                new DeliveryOutcome.Responded(500, Map.of(), "boom"), at, 5);

        // then
        assertThat(attempt.getStatus().name()).isEqualTo("failed");
        assertThat(attempt.getResponseCode()).isEqualTo(500);
        assertThat(attempt.getResponseBody()).isEqualTo("boom");
        assertThat(attempt.getError()).isEqualTo("HTTP 500");
    }

    @Test
    void shouldRecordARedirectAsFailedBecauseRedirectsAreNotFollowed() {
        // when
        DeliveryAttempt attempt = Attempts.of(task, headers, "{}",
                new DeliveryOutcome.Responded(302, Map.of("location", "https://elsewhere"), ""), at, 5);

        // then
        assertThat(attempt.getStatus().name()).isEqualTo("failed");
        assertThat(attempt.getError()).isEqualTo("HTTP 302");
    }

    @Test
    void shouldRecordATimeoutWithoutResponse() {
        // when
        DeliveryAttempt attempt = Attempts.of(task, headers, "{}", new DeliveryOutcome.TimedOut(Duration.ofSeconds(10)), at, 10_000);

        // then
        assertThat(attempt.getStatus().name()).isEqualTo("failed");
        assertThat(attempt.getError()).isEqualTo("timed out after 10s");
        assertThat(attempt.getResponseCode()).isNull();
        assertThat(attempt.getResponseBody()).isNull();
        assertThat(attempt.getResponseHeaders()).isEmpty();
    }

    @Test
    void shouldRecordARefusalAndAnUnreachableEndpointWithTheirExplanation() {
        // when
        DeliveryAttempt refused = Attempts.of(task, headers, "{}", new DeliveryOutcome.Refused("https required"), at, 0);
        DeliveryAttempt unreachable = Attempts.of(task, headers, "{}", new DeliveryOutcome.Unreachable("connection refused"), at, 1);

        // then
        assertThat(refused.getStatus().name()).isEqualTo("failed");
        assertThat(refused.getError()).isEqualTo("https required");
        assertThat(unreachable.getStatus().name()).isEqualTo("failed");
        assertThat(unreachable.getError()).isEqualTo("connection refused");
        assertThat(unreachable.getResponseCode()).isNull();
    }

    @Test
    void shouldWriteDurationsAsTheyAreUsuallyConfigured() {
        assertThat(Attempts.human(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(Attempts.human(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Attempts.human(Duration.ofMinutes(2))).isEqualTo("2m");
    }
}
