package io.hookline.deliverer.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.Fixtures;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.topics.Topics;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaWebhookGateTest {

    private final Webhook active = Fixtures.webhookFor(Fixtures.task("https://example.com").build()).build();

    @Test
    void shouldLetAnEnabledWebhookReceive() {
        assertThat(KafkaWebhookGate.reason(Optional.of(active))).isEmpty();
    }

    @Test
    void shouldSkipADisabledWebhookWithItsReason() {
        Webhook disabled = Webhook.newBuilder(Topics.WEBHOOKS.valueSerde().deserializer().deserialize("t",
                        Topics.WEBHOOKS.valueSerde().serializer().serialize("t", active))).setEnabled(false).setStatus("disabled").setDisabledReason("endpoint answered 410 Gone").build();
        assertThat(KafkaWebhookGate.reason(Optional.of(disabled))).contains("webhook disabled: endpoint answered 410 Gone");
    }

    @Test
    void shouldSkipADeletedWebhook() {
        assertThat(KafkaWebhookGate.reason(Optional.empty())).contains("webhook deleted");
    }
}
