package io.hookline.gateway.deliverylog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Problem;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RecoveryWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void shouldRunFromSinceToNowWhenUntilIsLeftOut() {
        RedeliveryController.Window window = window("{\"since\": \"2026-11-23T10:00:00+01:00\"}");
        assertThat(window).isEqualTo(new RedeliveryController.Window(Instant.parse("2026-11-23T09:00:00Z"), NOW));
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

    private static RedeliveryController.Window window(String json) {
        return RedeliveryController.Window.of(JSON.readTree(json), NOW);
    }

    private static java.util.List<Problem> problems(String json) {
        return catchThrowableOfType(ApiException.class, () -> window(json)).details();
    }
}
