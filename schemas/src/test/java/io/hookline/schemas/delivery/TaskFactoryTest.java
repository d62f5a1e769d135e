package io.hookline.schemas.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.OrderingSymbol;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import io.hookline.schemas.states.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every delivery task is made one way, whatever triggers it. */
class TaskFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final TaskFactory.Event EVENT = new TaskFactory.Event("evt_1", "team_a", "order.paid", NOW.minusSeconds(5), "{\"n\":1}");

    @Test
    void shouldCopyTheWebhooksSettingsAndTheEvent() {
        // given
        Webhook webhook = webhook().setOrdering(OrderingSymbol.fifo).setRateLimitPerSecond(7).setSendPlaintextSecret(true)
                .setHeaders(Map.of("X-Team", "payments")).setRetryPolicy(new RetryPolicy("exponential", List.of("1s"))).build();

        // when
        DeliveryTask task = TaskFactory.task(EVENT, webhook, 2, Trigger.RETRY, NOW, NOW.plusSeconds(1)).build();

        // then
        assertThat(task.getDeliveryId()).startsWith("dlv_");
        assertThat(task.getWebhookId()).isEqualTo("wh_1");
        assertThat(task.getTenantId()).isEqualTo("team_a");
        assertThat(task.getEventId()).isEqualTo("evt_1");
        assertThat(task.getEventType()).isEqualTo("order.paid");
        assertThat(task.getEventTimestamp()).isEqualTo(NOW.minusSeconds(5));
        assertThat(task.getData()).isEqualTo("{\"n\":1}");
        assertThat(task.getUrl()).isEqualTo("https://example.com/hook");
        assertThat(task.getOrdering().name()).isEqualTo("fifo");
        assertThat(task.getRateLimitPerSecond()).isEqualTo(7);
        assertThat(task.getSendPlaintextSecret()).isTrue();
        assertThat(task.getHeaders()).containsExactly(Map.entry("X-Team", "payments"));
        assertThat(task.getRetryPolicy().getSchedule()).containsExactly("1s");
        assertThat(task.getAttempt()).isEqualTo(2);
        assertThat(task.getTrigger().name()).isEqualTo("retry");
        assertThat(task.getCreatedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void shouldSignWithTheSecretsValidAtTheGivenInstant() {
        // given a secret that expired between the event's writing and now
        Webhook webhook = webhook().setSecrets(List.of(new SigningSecret("old", NOW.minusSeconds(7200), NOW.minusSeconds(1)),
                new SigningSecret("new", NOW.minusSeconds(60), null))).build();

        // when
        DeliveryTask atWriting = TaskFactory.task(EVENT, webhook, 1, Trigger.SCHEDULED, NOW.minusSeconds(30), NOW).build();
        DeliveryTask atNow = TaskFactory.task(EVENT, webhook, 1, Trigger.SCHEDULED, NOW, NOW).build();

        // then
        assertThat(atWriting.getSecrets()).containsExactly("new", "old");
        assertThat(atNow.getSecrets()).containsExactly("new");
    }

    @Test
    void shouldMakeAnUnsetOrderingConcurrentAndPassASetOneOn() {
        // given (an ordering a newer writer added reads as the enum's default, concurrent: SchemaHistoryTest)
        Webhook unset = webhook().build();
        unset.setOrdering(null);
        Webhook fifo = webhook().setOrdering(OrderingSymbol.fifo).build();

        // when / then
        assertThat(TaskFactory.task(EVENT, unset, 1, Trigger.TEST, NOW, NOW).build().getOrdering()).isEqualTo(OrderingSymbol.concurrent);
        assertThat(TaskFactory.task(EVENT, fifo, 1, Trigger.TEST, NOW, NOW).build().getOrdering()).isEqualTo(OrderingSymbol.fifo);
    }

    private static Webhook.Builder webhook() {
        return Webhook.newBuilder().setId("wh_1").setTenantId("team_a").setUrl("https://example.com/hook").setEvents(List.of("*"))
                .setStatus(WebhookStatusSymbol.active).setEnabled(true).setCreatedAt(NOW).setUpdatedAt(NOW).setSecrets(List.of())
                .setRetryPolicy(new RetryPolicy("none", List.of())).setVerification(null);
    }
}
