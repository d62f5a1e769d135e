package io.hookline.schemas.states;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.AttemptStatusSymbol;
import io.hookline.schemas.avro.OrderingSymbol;
import io.hookline.schemas.avro.RoleSymbol;
import io.hookline.schemas.avro.TriggerSymbol;
import io.hookline.schemas.principal.Role;
import java.util.Arrays;
import java.util.List;
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
        assertThat(Ordering.of((String) null)).isEmpty();
        assertThat(Trigger.TEST.is((String) null)).isFalse();
    }

    @Test
    void shouldHaveASymbolOfTheSameStringForEveryValueAndNoOtherButRolesUnknown() {
        // given every state enum
        List<Class<? extends Enum<?>>> states = List.of(AttemptStatus.class, Trigger.class, Ordering.class, WebhookStatus.class,
                VerificationStatus.class, ExecutionStatus.class, Role.class);

        for (Class<? extends Enum<?>> state : states) {
            // when its values map to their Avro symbols
            WireValue<?>[] values = (WireValue<?>[]) state.getEnumConstants();
            List<String> symbols = Arrays.stream(values[0].symbolType().getEnumConstants()).map(Enum::name).toList();

            // then the symbols are the wire strings, in the same order (records keep them; the API shows them)
            List<String> wires = Arrays.stream(values).map(WireValue::wire).toList();
            assertThat(symbols).as(state.getSimpleName()).isEqualTo(state == Role.class ? append(wires, "unknown") : wires);
            assertThat(Arrays.stream(values).map(value -> value.symbol().name()).toList()).isEqualTo(wires);
        }
    }

    @Test
    void shouldReadASymbolAsItsValueAndTellAValueFromASymbol() {
        assertThat(AttemptStatus.of(AttemptStatusSymbol.pending)).contains(AttemptStatus.PENDING);
        assertThat(Ordering.of((OrderingSymbol) null)).isEmpty();
        assertThat(Trigger.MANUAL.is(TriggerSymbol.manual)).isTrue();
        assertThat(Trigger.MANUAL.is(TriggerSymbol.retry)).isFalse();
        assertThat(Trigger.MANUAL.is((TriggerSymbol) null)).isFalse();
        assertThat(Role.of(RoleSymbol.owner)).contains(Role.OWNER);
        assertThat(Role.of(RoleSymbol.unknown)).isEmpty();
    }

    private static List<String> append(List<String> list, String last) {
        List<String> all = new java.util.ArrayList<>(list);
        all.add(last);
        return all;
    }
}
