package io.hookline.executor;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ExecutorConfigurationTest {

    @Test
    void shouldRefuseToStartWithoutBwrap() {
        assertThatThrownBy(() -> ExecutorConfiguration.checkSandbox(properties("bwrap", "/nonexistent/bwrap")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bubblewrap is not installed")
                .hasMessageContaining("hookline.executor.sandbox=none");
    }

    @Test
    void shouldStartWithoutBwrapOnlyWhenToldToRunUnsandboxed() {
        assertThatCode(() -> ExecutorConfiguration.checkSandbox(properties("none", "/nonexistent/bwrap"))).doesNotThrowAnyException();
    }

    @Test
    void shouldRejectAnUnknownSandboxAndARootUid() {
        assertThatThrownBy(() -> properties("docker", "/usr/bin/bwrap")).hasMessageContaining("'bwrap' or 'none'");
        assertThatThrownBy(() -> new ExecutorProperties("bwrap", Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/setpriv"),
                Path.of("/usr/bin/python3"), 4, 0, 0, DataSize.ofMegabytes(1), DataSize.ofMegabytes(512), 64, DataSize.ofMegabytes(64),
                256, null, Duration.ofMinutes(15), null, true)).hasMessageContaining("unprivileged");
    }

    private static ExecutorProperties properties(String sandbox, String bwrap) {
        return new ExecutorProperties(sandbox, Path.of(bwrap), Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/python3"), 4, 65534, 65534,
                DataSize.ofMegabytes(1), DataSize.ofMegabytes(512), 64, DataSize.ofMegabytes(64), 256, URI.create("http://localhost:8080"),
                Duration.ofMinutes(15), null, true);
    }
}
