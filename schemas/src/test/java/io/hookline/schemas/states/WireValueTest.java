package io.hookline.schemas.states;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The states' wire strings: what records on the topics already hold, so they never change. */
class WireValueTest {

    @Test
    void shouldWriteTheStringsRecordsAlreadyHold() {
        assertThat(AttemptStatus.wires()).containsExactly("succeeded", "failed", "retrying", "skipped", "pending");
        assertThat(Trigger.values()).extracting(WireValue::wire).containsExactly("scheduled", "retry", "manual", "test");
        assertThat(Ordering.values()).extracting(WireValue::wire).containsExactly("concurrent", "fifo");
        assertThat(WebhookStatus.values()).extracting(WireValue::wire)
                .containsExactly("pending_verification", "active", "verification_failed", "disabled", "deleted");
        assertThat(VerificationStatus.values()).extracting(WireValue::wire).containsExactly("pending", "succeeded", "failed");
        assertThat(ExecutionStatus.values()).extracting(WireValue::wire).containsExactly("succeeded", "failed", "timed_out");
    }

    @Test
    void shouldReadEveryValueItWrites() {
        for (WebhookStatus status : WebhookStatus.values()) {
            assertThat(WebhookStatus.of(status.wire())).contains(status);
        }
        assertThat(Trigger.of("manual")).contains(Trigger.MANUAL);
    }

    @Test
    void shouldAnswerEmptyForAValueThisBuildDoesNotKnowOrNone() {
        // given a value a newer writer might use, one in another case, and none
        assertThat(AttemptStatus.of("postponed")).isEmpty();
        assertThat(AttemptStatus.of("SUCCEEDED")).isEmpty();
        assertThat(Ordering.of(null)).isEmpty();
        assertThat(Trigger.TEST.is(null)).isFalse();
    }
}
