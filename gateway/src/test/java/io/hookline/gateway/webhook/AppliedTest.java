package io.hookline.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.Verification;
import io.hookline.schemas.avro.VerificationStatusSymbol;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookAction;
import io.hookline.schemas.avro.WebhookChanges;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.avro.WebhookOutcomeResult;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The owner's apply function, command × current state, with no Kafka. */
class AppliedTest {

    static {
        // loading the topic catalog trusts our Avro classes for deep copies (newBuilder(other))
        io.hookline.schemas.topics.Topics.all();
    }

    private static final Instant ASKED = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-11-01T12:00:00Z");

    @Test
    void shouldDisableAnEnabledWebhookWithTheReasonAndKeepEverythingElse() {
        // given an edited webhook
        Webhook current = Webhook.newBuilder(WebhookSecretsTest.webhook(List.of())).setDescription("billing").build();
        // when the deliverer asks to disable it
        Webhook applied = written(Applied.of(disable("endpoint answered 410 Gone"), Optional.of(current))).after();
        // then
        assertThat(applied.getEnabled()).isFalse();
        assertThat(applied.getStatus().name()).isEqualTo("disabled");
        assertThat(applied.getDisabledReason()).isEqualTo("endpoint answered 410 Gone");
        assertThat(applied.getUpdatedAt()).isEqualTo(ASKED);
        assertThat(Webhook.newBuilder(applied).setEnabled(true).setStatus(WebhookStatusSymbol.active).setDisabledReason(null)
                .setUpdatedAt(current.getUpdatedAt()).build()).isEqualTo(current);
    }

    @Test
    void shouldLeaveADisabledWebhookAsItIsSoNothingIsWritten() {
        Webhook disabledByAPerson = Webhook.newBuilder(WebhookSecretsTest.webhook(List.of())).setEnabled(false).setStatus(WebhookStatusSymbol.disabled).build();
        assertThat(Applied.of(disable("10 failures in a row"), Optional.of(disabledByAPerson))).isEqualTo(new Applied.Unchanged(disabledByAPerson));
    }

    @Test
    void shouldStoreANewWebhookWholeAndRefuseASecondWithItsId() {
        // given a new webhook, whole in the command
        Webhook fresh = WebhookSecretsTest.webhook(List.of(new SigningSecret("v1.sealed", CREATED, null)));
        WebhookCommand create = command(WebhookAction.CREATE, c -> c.setWebhook(fresh));
        // when applied to no state, then to the state it left (a repeat)
        Applied first = Applied.of(create, Optional.empty());
        Applied again = Applied.of(create, Optional.of(fresh));
        // then it is stored as the requester built it, and the repeat is refused rather than written over it
        assertThat(first).isEqualTo(new Applied.Written(null, fresh));
        assertThat(again).isInstanceOf(Applied.Refused.class);
        assertThat(((Applied.Refused) again).result()).isEqualTo(WebhookOutcomeResult.CONFLICT);
    }

    @Test
    void shouldRefuseEveryChangeToAMissingDeletedOrOtherTeamsWebhook() {
        Webhook deleted = Webhook.newBuilder(WebhookSecretsTest.webhook(List.of())).setStatus(WebhookStatusSymbol.deleted).setEnabled(false).build();
        Webhook otherTeams = Webhook.newBuilder(WebhookSecretsTest.webhook(List.of())).setTenantId("team_b").build();
        for (WebhookAction action : List.of(WebhookAction.UPDATE, WebhookAction.ENABLE, WebhookAction.USER_DISABLE, WebhookAction.DELETE,
                WebhookAction.DISABLE, WebhookAction.ROTATE_SECRET, WebhookAction.VERIFIED)) {
            WebhookCommand command = command(action, c -> {
            });
            for (Optional<Webhook> state : List.of(Optional.<Webhook>empty(), Optional.of(deleted), Optional.of(otherTeams))) {
                Applied applied = Applied.of(command, state);
                assertThat(applied).as("%s on %s", action, state).isInstanceOf(Applied.Refused.class);
                assertThat(((Applied.Refused) applied).result()).isEqualTo(WebhookOutcomeResult.NOT_FOUND);
            }
        }
    }

    @Test
    void shouldApplyAPatchToTheCurrentStateKeepingWhatAnotherChangeDidMeanwhile() {
        // given a webhook that a rotation and a disable changed after the PATCH was validated
        Webhook current = Webhook.newBuilder(WebhookSecretsTest.webhook(List.of(new SigningSecret("v1.rotated", ASKED, null))))
                .setEnabled(false).setStatus(WebhookStatusSymbol.disabled).setDisabledReason("endpoint answered 410 Gone").setDescription("old").build();
        WebhookChanges changes = WebhookChanges.newBuilder().setHasDescription(true).setDescription("new").setHasRateLimit(true)
                .setRateLimitPerSecond(7).build();
        // when the PATCH is applied
        Webhook after = written(Applied.of(command(WebhookAction.UPDATE, c -> c.setChanges(changes)), Optional.of(current))).after();
        // then it sets only its fields, on top of the others' changes
        assertThat(after).isEqualTo(Webhook.newBuilder(current).setDescription("new").setRateLimitPerSecond(7).setUpdatedAt(ASKED).build());
    }

    @Test
    void shouldSealNewHeaderValuesAndMarkThemSo() {
        Webhook current = Webhook.newBuilder(WebhookSecretsTest.webhook(List.of())).setHeaders(Map.of("X-Old", "clear")).build();
        WebhookChanges changes = WebhookChanges.newBuilder().setHeaders(Map.of("Authorization", "v1.sealed")).build();
        Webhook after = written(Applied.of(command(WebhookAction.UPDATE, c -> c.setChanges(changes)), Optional.of(current))).after();
        assertThat(after.getHeaders()).containsExactly(Map.entry("Authorization", "v1.sealed"));
        assertThat(after.getHeaderValuesEncrypted()).isTrue();
    }

    @Test
    void shouldRotateToTheRequestersCiphertextWithTheOverlap() {
        Webhook current = WebhookSecretsTest.webhook(List.of(new SigningSecret("v1.old", CREATED, null)));
        Webhook after = written(Applied.of(command(WebhookAction.ROTATE_SECRET, c -> c.setSecretCiphertext("v1.new")
                .setSecretOverlapMillis(Duration.ofHours(24).toMillis())), Optional.of(current))).after();
        assertThat(after.getSecrets()).containsExactly(new SigningSecret("v1.new", ASKED, null),
                new SigningSecret("v1.old", CREATED, ASKED.plus(Duration.ofHours(24))));
        assertThat(after.getUpdatedAt()).isEqualTo(ASKED);
    }

    @Test
    void shouldEnableToWhatTheLastVerificationSaidAndDisableForAPersonWithoutAReason() {
        Webhook disabled = Webhook.newBuilder(WebhookSecretsTest.webhook(List.of())).setEnabled(false).setStatus(WebhookStatusSymbol.disabled)
                .setDisabledReason("endpoint answered 410 Gone").setVerification(new Verification(VerificationStatusSymbol.failed, CREATED, "timed out")).build();
        Webhook enabled = written(Applied.of(command(WebhookAction.ENABLE, c -> {
        }), Optional.of(disabled))).after();
        assertThat(enabled.getEnabled()).isTrue();
        assertThat(enabled.getStatus().name()).isEqualTo("verification_failed");
        assertThat(enabled.getDisabledReason()).isNull();
        Webhook byAPerson = written(Applied.of(command(WebhookAction.USER_DISABLE, c -> {
        }), Optional.of(enabled))).after();
        assertThat(byAPerson.getEnabled()).isFalse();
        assertThat(byAPerson.getStatus().name()).isEqualTo("disabled");
        assertThat(byAPerson.getDisabledReason()).isNull();
    }

    @Test
    void shouldRecordAVerificationButKeepADisabledWebhookDisabled() {
        Verification succeeded = new Verification(VerificationStatusSymbol.succeeded, ASKED, null);
        Webhook pending = Webhook.newBuilder(WebhookSecretsTest.webhook(List.of())).setStatus(WebhookStatusSymbol.pending_verification).build();
        Webhook disabled = Webhook.newBuilder(pending).setEnabled(false).setStatus(WebhookStatusSymbol.disabled).build();
        WebhookCommand verified = command(WebhookAction.VERIFIED, c -> c.setVerification(succeeded));
        assertThat(written(Applied.of(verified, Optional.of(pending))).after().getStatus().name()).isEqualTo("active");
        Webhook stillDisabled = written(Applied.of(verified, Optional.of(disabled))).after();
        assertThat(stillDisabled.getStatus().name()).isEqualTo("disabled");
        assertThat(stillDisabled.getVerification()).isEqualTo(succeeded);
    }

    @Test
    void shouldDeleteWithTheStateItHadAndRefuseASecondDelete() {
        Webhook current = WebhookSecretsTest.webhook(List.of());
        WebhookCommand delete = command(WebhookAction.DELETE, c -> {
        });
        assertThat(Applied.of(delete, Optional.of(current))).isEqualTo(new Applied.Written(current, null));
        // the owner's state once it wrote the deleted state and the tombstone
        assertThat(Applied.of(delete, Optional.empty())).isInstanceOf(Applied.Refused.class);
    }

    private static Applied.Written written(Applied applied) {
        assertThat(applied).isInstanceOf(Applied.Written.class);
        return (Applied.Written) applied;
    }

    private static WebhookCommand disable(String reason) {
        return command(WebhookAction.DISABLE, c -> c.setReason(reason).setIssuedBy("deliverer"));
    }

    private static WebhookCommand command(WebhookAction action, Consumer<WebhookCommand.Builder> fields) {
        WebhookCommand.Builder builder = WebhookCommand.newBuilder().setCommandId("c1").setWebhookId("wh_1").setTenantId("team_a")
                .setAction(action).setIssuedBy("gateway").setIssuedAt(ASKED);
        fields.accept(builder);
        return builder.build();
    }
}
