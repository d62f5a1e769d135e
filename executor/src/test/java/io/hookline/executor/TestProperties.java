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
        return of(sandbox, gatewayUrl, outputCap, 4);
    }

    /** A pool of one makes every job of a test run in the same warm sandbox, one after the other. */
    public static ExecutorProperties of(String sandbox, String gatewayUrl, DataSize outputCap, int poolSize) {
        return new ExecutorProperties(sandbox, Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/python3"),
                poolSize, 65534, 65534, outputCap, DataSize.ofMegabytes(512), 64, DataSize.ofMegabytes(64), 256,
                URI.create(gatewayUrl), Duration.ofMinutes(15), null, true);
    }
}
