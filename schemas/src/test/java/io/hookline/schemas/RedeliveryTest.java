package io.hookline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.AttemptStatusSymbol;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.TriggerSymbol;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedeliveryTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String BODY = "{\"event\":\"a\",\"timestamp\":\"2026-11-20T08:00:00.250Z\",\"webhook_id\":\"wh_1\","
            + "\"delivery_id\":\"dlv_1\",\"tenant_id\":\"x,\\\"data\\\":\",\"data\":{\"n\":1.50,\"s\":\"}\"}}";

    @Test
    void shouldMakeTheNextManualAttemptWithTheWebhooksCurrentUrlAndValidSecrets() {
        // given a delivery whose second attempt failed, and a webhook with a rotated secret and an expired one
        DeliveryAttempt last = DeliveryAttempt.newBuilder().setAttemptId("att_2").setDeliveryId("dlv_1").setWebhookId("wh_1")
                .setTenantId("team_a").setEventId("evt_1").setEventType("a").setAttempt(2).setTrigger(TriggerSymbol.retry).setStatus(AttemptStatusSymbol.failed)
                .setAttemptedAt(NOW.minusSeconds(60)).setDurationMs(5).setUrl("https://old.example/hook").setRequestHeaders(Map.of())
                .setRequestBody(BODY).build();
        Webhook webhook = Webhook.newBuilder().setId("wh_1").setTenantId("team_a").setUrl("https://new.example/hook")
                .setEvents(List.of("*")).setStatus(WebhookStatusSymbol.active).setEnabled(true).setCreatedAt(NOW).setUpdatedAt(NOW)
                .setSecrets(List.of(new SigningSecret("old", NOW.minusSeconds(7200), NOW.plusSeconds(3600)),
                        new SigningSecret("expired", NOW.minusSeconds(9000), NOW.minusSeconds(1)),
                        new SigningSecret("new", NOW.minusSeconds(60), null)))
                .setRetryPolicy(new RetryPolicy("none", List.of())).setVerification(null)
                .setHeaders(Map.of("X-Team", "payments")).build();

        // when
        DeliveryTask task = Redelivery.task(last, webhook, NOW);

        // then
        assertThat(task.getDeliveryId()).isEqualTo("dlv_1");
        assertThat(task.getAttempt()).isEqualTo(3);
        assertThat(task.getTrigger().name()).isEqualTo("manual");
        assertThat(task.getUrl()).isEqualTo("https://new.example/hook");
        assertThat(task.getSecrets()).containsExactly("new", "old");
        assertThat(task.getData()).isEqualTo("{\"n\":1.50,\"s\":\"}\"}");
        assertThat(task.getEventTimestamp()).isEqualTo(Instant.parse("2026-11-20T08:00:00.250Z"));
        assertThat(task.getCreatedAt()).isEqualTo(NOW);
        assertThat(task.getHeaders()).containsExactly(Map.entry("X-Team", "payments"));
    }
}
