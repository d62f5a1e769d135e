package io.hookline.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookAction;
import io.hookline.schemas.avro.WebhookCommand;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookCommandsTest {

    static {
        // loading the topic catalog trusts our Avro classes for deep copies (newBuilder(other))
        io.hookline.schemas.topics.Topics.all();
    }

    private static final Instant ASKED = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void shouldDisableAnEnabledWebhookWithTheReasonAndKeepEverythingElse() {
        // given an edited webhook
        Webhook current = Webhook.newBuilder(WebhookSecretsTest.webhook(List.of())).setDescription("billing").build();
        // when
        Webhook applied = WebhookCommands.applied(current, disable("endpoint answered 410 Gone"));
        // then
        assertThat(applied.getEnabled()).isFalse();
        assertThat(applied.getStatus()).isEqualTo("disabled");
        assertThat(applied.getDisabledReason()).isEqualTo("endpoint answered 410 Gone");
        assertThat(applied.getUpdatedAt()).isEqualTo(ASKED);
        assertThat(Webhook.newBuilder(applied).setEnabled(true).setStatus("active").setDisabledReason(null)
                .setUpdatedAt(current.getUpdatedAt()).build()).isEqualTo(current);
    }

    @Test
    void shouldLeaveADisabledWebhookAsItIsSoNothingIsWritten() {
        Webhook disabledByAPerson = Webhook.newBuilder(WebhookSecretsTest.webhook(List.of())).setEnabled(false).setStatus("disabled").build();
        assertThat(WebhookCommands.applied(disabledByAPerson, disable("10 failures in a row"))).isSameAs(disabledByAPerson);
    }

    private static WebhookCommand disable(String reason) {
        return WebhookCommand.newBuilder().setCommandId("c1").setWebhookId("wh_1").setTenantId("team_a").setAction(WebhookAction.DISABLE)
                .setReason(reason).setIssuedBy("deliverer").setIssuedAt(ASKED).build();
    }
}
