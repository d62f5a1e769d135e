package io.hookline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

/** The all-in-one platform starts without a sandbox, leaving only the executor out. */
class SandboxAvailableTest {

    @Configuration(proxyBeanMethods = false)
    @Conditional(SandboxAvailable.class)
    static class Probe {
    }

    @Test
    void shouldRunTheExecutorWhereBubblewrapAndPythonExist() {
        assertThat(executorRuns(Map.of("hookline.executor.bwrap-path", "/bin/sh", "hookline.executor.python-path", "/bin/sh"))).isTrue();
    }

    @Test
    void shouldLeaveTheExecutorOutWithoutBubblewrap() {
        assertThat(executorRuns(Map.of("hookline.executor.bwrap-path", "/nonexistent/bwrap", "hookline.executor.python-path", "/bin/sh")))
                .isFalse();
    }

    @Test
    void shouldRunItUnsandboxedOnlyWhenSaidExplicitly() {
        assertThat(executorRuns(Map.of("hookline.executor.sandbox", "none", "hookline.executor.bwrap-path", "/nonexistent/bwrap")))
                .isTrue();
    }

    private static boolean executorRuns(Map<String, Object> properties) {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
            context.register(Probe.class);
            context.refresh();
            return context.getBeanNamesForType(Probe.class).length > 0;
        }
    }
}
