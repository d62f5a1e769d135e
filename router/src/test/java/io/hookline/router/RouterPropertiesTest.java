package io.hookline.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.kafka.DataDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** How {@code hookline.router.*} binds, and where the state lives when nobody says. */
class RouterPropertiesTest {

    @Test
    void shouldDefaultEverySetting() {
        RouterProperties settings = bind(Map.of());

        assertThat(settings.applicationId()).isEqualTo("hookline-router");
        assertThat(settings.numStreamThreads()).isEqualTo(1);
        assertThat(settings.processingGuarantee()).isEqualTo("at_least_once");
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.stateDir()).isNull();
    }

    @Test
    void shouldCommitEveryTenthOfASecondByDefaultUnderExactlyOnce() {
        RouterProperties settings = bind(Map.of("hookline.router.processing-guarantee", "exactly_once_v2"));

        assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldUseTheCommitIntervalItIsGiven() {
        RouterProperties settings = bind(Map.of("hookline.router.processing-guarantee", "exactly_once_v2",
                "hookline.router.commit-interval", "250ms"));

        assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void shouldKeepStateUnderTheDataDirectoryByDefault() {
        DataDir dataDir = new DataDir(Path.of("/var/lib/hookline"));

        RouterProperties settings = RouterConfiguration.withStateDir(bind(Map.of()), dataDir);

        assertThat(settings.stateDir()).isEqualTo(Path.of("/var/lib/hookline", "router"));
    }

    @Test
    void shouldKeepStateUnderDotDataWithoutDataDirectory() {
        RouterProperties settings = RouterConfiguration.withStateDir(bind(Map.of()), new DataDir(null));

        assertThat(settings.stateDir()).isEqualTo(Path.of("./data", "router"));
    }

    @Test
    void shouldUseTheStateDirectoryItIsGiven() {
        DataDir dataDir = new DataDir(Path.of("/var/lib/hookline"));

        RouterProperties settings = RouterConfiguration.withStateDir(
                bind(Map.of("hookline.router.state-dir", "/srv/router-state")), dataDir);

        assertThat(settings.stateDir()).isEqualTo(Path.of("/srv/router-state"));
    }

    @Test
    void shouldRefuseAnUnknownProcessingGuarantee() {
        assertThatThrownBy(() -> bind(Map.of("hookline.router.processing-guarantee", "exactly_once")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("processing-guarantee must be one of");
    }

    private static RouterProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("hookline.router", RouterProperties.class);
    }
}
