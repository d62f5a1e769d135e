package io.hookline.deliverer.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.Fixtures;
import io.hookline.schemas.avro.TriggerSymbol;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import io.hookline.schemas.topics.Topics;
import java.util.Optional;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaWebhookGateTest {

    private final Webhook active = Fixtures.webhookFor(Fixtures.task("https://example.com").build()).build();

    @Test
    void shouldLetAnEnabledWebhookReceive() {
        assertThat(KafkaWebhookGate.reason(Optional.of(active), TriggerSymbol.scheduled)).isEmpty();
    }

    @Test
    void shouldSkipADisabledWebhookWithItsReason() {
        Webhook disabled = Webhook.newBuilder(Topics.WEBHOOKS.valueSerde().deserializer().deserialize("t",
                        Topics.WEBHOOKS.valueSerde().serializer().serialize("t", active))).setEnabled(false).setStatus(WebhookStatusSymbol.disabled).setDisabledReason("endpoint answered 410 Gone").build();
        assertThat(KafkaWebhookGate.reason(Optional.of(disabled), TriggerSymbol.scheduled)).contains("webhook disabled: endpoint answered 410 Gone");
    }

    @Test
    void shouldSkipADeletedWebhook() {
        assertThat(KafkaWebhookGate.reason(Optional.empty(), TriggerSymbol.scheduled)).contains("webhook deleted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pending_verification", "verification_failed"})
    void shouldSkipEveryTriggerButTheTestOfAWebhookThatIsNotVerified(String status) {
        Webhook unverified = Webhook.newBuilder(active).setStatus(WebhookStatusSymbol.valueOf(status)).build();
        assertThat(List.of(TriggerSymbol.scheduled, TriggerSymbol.retry, TriggerSymbol.manual)).allSatisfy(trigger ->
                assertThat(KafkaWebhookGate.reason(Optional.of(unverified), trigger)).contains("not verified"));
        assertThat(KafkaWebhookGate.reason(Optional.of(unverified), TriggerSymbol.test)).isEmpty();
    }

    @Test
    void shouldSayDisabledRatherThanNotVerifiedForADisabledWebhookThatNeverPassed() {
        Webhook disabled = Webhook.newBuilder(active).setStatus(WebhookStatusSymbol.disabled).setEnabled(false).build();
        assertThat(KafkaWebhookGate.reason(Optional.of(disabled), TriggerSymbol.test)).contains("webhook disabled");
    }
}
