package io.hookline.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReservedVariablesTest {

    @Test
    void shouldRefuseTheSandboxsOwnVariablesAndThoseOfTheInterpreterAndTheLoader() {
        List<String> names = List.of("WEBHOOK_DATA_FILE", "DEFINITE_API_KEY", "DEFINITE_API_BASE_URL", "PATH", "HOME", "PWD", "TMPDIR",
                "LD_PRELOAD", "LD_LIBRARY_PATH", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME");

        assertThat(ReservedVariables.refused(names)).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void shouldRefuseNamesTheEnvironmentCannotHold() {
        assertThat(ReservedVariables.refused(List.of("", "A=B", "A\0B"))).containsExactly("", "A\0B", "A=B");
    }

    @Test
    void shouldAllowOrdinaryNamesIncludingLookalikes() {
        assertThat(ReservedVariables.refused(List.of("API_TOKEN", "path", "MY_PATH", "HOMEPAGE", "OLD_PWD", "XLD_FOO", "MY_PYTHON")))
                .isEmpty();
    }
}
