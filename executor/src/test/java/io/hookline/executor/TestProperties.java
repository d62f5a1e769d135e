package io.hookline.executor;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** Executor settings for tests, with the defaults of {@link ExecutorProperties}. */
public final class TestProperties {

    private TestProperties() {
    }

    public static ExecutorProperties sandboxed(String gatewayUrl) {
        return of("bwrap", gatewayUrl, DataSize.ofMegabytes(1));
    }

    public static ExecutorProperties of(String sandbox, String gatewayUrl, DataSize outputCap) {
        return new ExecutorProperties(sandbox, Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/python3"),
                4, 65534, 65534, outputCap, DataSize.ofMegabytes(512), 64, DataSize.ofMegabytes(64), 256,
                URI.create(gatewayUrl), Duration.ofMinutes(15), null, true);
    }
}
