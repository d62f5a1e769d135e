package io.hookline.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.OrderingSymbol;
import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.Webhook;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestDeliveriesTest {

    static {
        // loading the topic catalog trusts our Avro classes for deep copies (newBuilder(other))
        io.hookline.schemas.topics.Topics.all();
    }

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void shouldBuildASelfContainedSingleAttemptTestTask() {
        // given a webhook with a rotated-out secret still valid and an expired one
        Webhook webhook = Webhook.newBuilder(WebhookSecretsTest.webhook(List.of(
                        new SigningSecret("new", NOW.minusSeconds(10), null),
                        new SigningSecret("old", NOW.minusSeconds(100), NOW.plusSeconds(100)),
                        new SigningSecret("older", NOW.minusSeconds(1000), NOW.minusSeconds(1)))))
                .setRetryPolicy(new RetryPolicyJson("exponential", RetryPolicyJson.DEFAULT_SCHEDULE).toAvro())
                .setRateLimitPerSecond(7).setOrdering(OrderingSymbol.fifo).build();
        // when
        DeliveryTask task = TestDeliveries.task(webhook, "webhook.test", "{\"message\":\"hi\"}", "evt_x", NOW);
        // then
        assertThat(task.getDeliveryId()).isEqualTo(Ids.deliveryId("evt_x", "wh_1"));
        assertThat(task.getTrigger().name()).isEqualTo("test");
        assertThat(task.getAttempt()).isEqualTo(1);
        assertThat(task.getSecrets()).containsExactly("new", "old");
        assertThat(task.getRetryPolicy().getMode()).isEqualTo("none");
        assertThat(task.getData()).isEqualTo("{\"message\":\"hi\"}");
        assertThat(task.getRateLimitPerSecond()).isEqualTo(7);
        assertThat(task.getOrdering().name()).isEqualTo("fifo");
    }
}
