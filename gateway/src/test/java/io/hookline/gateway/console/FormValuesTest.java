package io.hookline.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** How the console turns what a form holds into what the API takes. */
class FormValuesTest {

    @Test
    void shouldTakeAPickedDateAsMidnightUtcAndTheLastDayOfARangeWhole() {
        assertThat(LogPages.startOf("2026-03-28", 0)).isEqualTo("2026-03-28T00:00:00Z");
        assertThat(LogPages.startOf("2026-03-28", 1)).isEqualTo("2026-03-29T00:00:00Z");
        assertThat(LogPages.startOf("", 0)).isNull();
        // anything else goes to the API as typed, whose validation explains it
        assertThat(LogPages.startOf("yesterday", 0)).isEqualTo("yesterday");
    }

    @Test
    void shouldTakeADateTimeFieldAsUtc() {
        assertThat(LogPages.utc("2026-03-28T10:15")).isEqualTo("2026-03-28T10:15:00Z");
        assertThat(LogPages.utc("")).isNull();
        assertThat(LogPages.utc("soon")).isEqualTo("soon");
    }

    @Test
    void shouldReadVariablesAsNameValueLinesAndSayWhichLineIsNot() {
        List<String> problems = new ArrayList<>();
        ObjectNode variables = DocPages.variables("API_TOKEN=abc=def\n\n  SOURCE=read.ai  \nbroken\n=x", problems,
                JsonMapper.builder().build().createObjectNode());
        assertThat(variables.toString()).isEqualTo("{\"API_TOKEN\":\"abc=def\",\"SOURCE\":\"read.ai\"}");
        assertThat(problems).containsExactly("environmentVariables: line 4 is not NAME=value", "environmentVariables: line 5 is not NAME=value");
    }
}
