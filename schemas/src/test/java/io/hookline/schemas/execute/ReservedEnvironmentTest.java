package io.hookline.schemas.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReservedEnvironmentTest {

    @ParameterizedTest
    @ValueSource(strings = {"LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONINSPECT",
            "PATH", "HOME", "PWD", "TMPDIR", "GCONV_PATH", "GLIBC_TUNABLES", "LOCPATH", "WEBHOOK_DATA_FILE", "DEFINITE_API_KEY",
            "DEFINITE_API_BASE_URL"})
    void shouldRefuseNamesThatChangeTheInterpreterOrThePlatformsOwn(String name) {
        assertThat(ReservedEnvironment.nameProblem(name)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A=B", "=", "A\0B", "\0", "1ABC", "A-B", "A B", "Ä"})
    void shouldRefuseNamesThatAreNotPortableVariableNames(String name) {
        assertThat(ReservedEnvironment.nameProblem(name)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TOKEN", "SOURCE", "_PRIVATE", "ld_preload", "pythonpath", "Path", "MY_LD_PRELOAD", "XPYTHONPATH", "LC_ALL"})
    void shouldAcceptOtherNamesCaseSensitivelyAsTheLoaderAndPythonReadThem(String name) {
        assertThat(ReservedEnvironment.nameProblem(name)).isEmpty();
    }

    @Test
    void shouldSayWhichRuleANameBreaks() {
        assertThat(ReservedEnvironment.nameProblem("")).hasValue("is an empty variable name");
        assertThat(ReservedEnvironment.nameProblem("A=B")).hasValueSatisfying(p -> assertThat(p).contains("'='"));
        assertThat(ReservedEnvironment.nameProblem("A\0B")).hasValueSatisfying(p -> assertThat(p).contains("NUL"));
        assertThat(ReservedEnvironment.nameProblem("DEFINITE_API_KEY")).hasValueSatisfying(p -> assertThat(p).contains("platform"));
        assertThat(ReservedEnvironment.nameProblem("LD_PRELOAD")).hasValueSatisfying(p -> assertThat(p).contains("loader"));
        assertThat(ReservedEnvironment.nameProblem("A".repeat(ReservedEnvironment.MAX_NAME_LENGTH + 1))).isPresent();
        assertThat(ReservedEnvironment.nameProblem("A".repeat(ReservedEnvironment.MAX_NAME_LENGTH))).isEmpty();
    }

    @Test
    void shouldRefuseValuesWithNulOrAboveTheCap() {
        assertThat(ReservedEnvironment.valueProblem("a\0b")).hasValueSatisfying(p -> assertThat(p).contains("NUL"));
        assertThat(ReservedEnvironment.valueProblem("é".repeat(ReservedEnvironment.MAX_VALUE_BYTES / 2 + 1))).isPresent();
        assertThat(ReservedEnvironment.valueProblem("a".repeat(ReservedEnvironment.MAX_VALUE_BYTES))).isEmpty();
    }

    @Test
    void shouldListEveryRefusedVariableAndTheLimitsOnAllOfThem() {
        // given a map with two bad entries, one good one, and too many bytes together
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("LD_PRELOAD", "/tmp/x.so");
        variables.put("OK", "fine");
        variables.put("V\0", "x");
        for (int i = 0; i < 9; i++) {
            variables.put("BIG" + i, "x".repeat(ReservedEnvironment.MAX_VALUE_BYTES));
        }

        // then each bad one is named once and the total is refused under the empty name
        assertThat(ReservedEnvironment.refusals(variables)).extracting(ReservedEnvironment.Refusal::name)
                .containsExactly("LD_PRELOAD", "V\0", "");
        assertThat(ReservedEnvironment.refusals(Map.of("OK", "fine"))).isEmpty();
    }

    @Test
    void shouldCapTheNumberOfVariables() {
        assertThat(ReservedEnvironment.tooMany(ReservedEnvironment.MAX_VARIABLES)).isEmpty();
        assertThat(ReservedEnvironment.tooMany(ReservedEnvironment.MAX_VARIABLES + 1)).isPresent();
    }
}
