package io.hookline.gateway.deliverylog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Problem;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The body of {@code POST …/recover}: its window and what of it to re-deliver. */
class RecoveryWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void shouldRunFromSinceToNowWhenUntilIsLeftOut() {
        Recovery recovery = window("{\"since\": \"2026-11-23T10:00:00+01:00\"}");
        assertThat(recovery).isEqualTo(new Recovery(Instant.parse("2026-11-23T09:00:00Z"), NOW, Set.of("failed", "skipped"), null, false));
    }

    @Test
    void shouldRequireSince() {
        assertThat(problems("{\"until\": \"2026-11-23T10:00:00Z\"}")).extracting(Problem::field).containsExactly("since");
        assertThat(problems("{\"since\": null}")).extracting(Problem::field).containsExactly("since");
    }

    @Test
    void shouldReportEveryTimestampThatIsNotRfc3339() {
        assertThat(problems("{\"since\": \"yesterday\", \"until\": 5}")).extracting(Problem::field).containsExactly("since", "until");
    }

    @Test
    void shouldRequireUntilAfterSince() {
        assertThat(problems("{\"since\": \"2026-11-23T10:00:00Z\", \"until\": \"2026-11-23T10:00:00Z\"}"))
                .extracting(Problem::field, Problem::problem).containsExactly(org.assertj.core.groups.Tuple.tuple("until", "must be after since"));
    }

    @Test
    void shouldRefuseAWindowOverFourteenDaysAndSayWhy() {
        assertThat(problems("{\"since\": \"2026-11-01T00:00:00Z\", \"until\": \"2026-11-15T00:00:01Z\"}"))
                .singleElement().satisfies(p -> assertThat(p.problem()).contains("14 days"));
        assertThat(window("{\"since\": \"2026-11-01T00:00:00Z\", \"until\": \"2026-11-15T00:00:00Z\"}").until())
                .isEqualTo(Instant.parse("2026-11-15T00:00:00Z"));
    }

    @Test
    void shouldRefuseABodyThatIsNotAnObject() {
        assertThat(problems("[]")).hasSize(1);
    }

    @Test
    void shouldTakeTheStatusesTheEventTypeAndTheDryRun() {
        Recovery recovery = window("{\"since\": \"2026-11-23T10:00:00Z\", \"status\": [\"skipped\"], \"event\": \"order.paid\", \"dryRun\": true}");
        assertThat(recovery.statuses()).containsExactly("skipped");
        assertThat(recovery.eventType()).isEqualTo("order.paid");
        assertThat(recovery.dryRun()).isTrue();
    }

    @Test
    void shouldReportEveryProblemOfTheSelectionAtOnce() {
        assertThat(problems("{\"since\": \"2026-11-23T10:00:00Z\", \"status\": [\"failed\", \"succeeded\"], \"event\": 3, \"dryRun\": \"yes\"}"))
                .extracting(Problem::field).containsExactly("status", "event", "dryRun");
        assertThat(problems("{\"since\": \"2026-11-23T10:00:00Z\", \"status\": []}")).extracting(Problem::field).containsExactly("status");
        assertThat(problems("{\"since\": \"2026-11-23T10:00:00Z\", \"status\": \"failed\"}")).extracting(Problem::field).containsExactly("status");
    }

    @Test
    void shouldRefuseAnUnknownFieldSoThatAMistypedDryRunIsNoRealRecovery() {
        assertThat(problems("{\"since\": \"2026-11-23T10:00:00Z\", \"dry_run\": true}")).extracting(Problem::field).containsExactly("dry_run");
    }

    private static Recovery window(String json) {
        return Recovery.of(JSON.readTree(json), NOW);
    }

    private static java.util.List<Problem> problems(String json) {
        return catchThrowableOfType(ApiException.class, () -> window(json)).details();
    }
}
