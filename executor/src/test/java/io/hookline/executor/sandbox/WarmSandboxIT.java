package io.hookline.executor.sandbox;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link SandboxBehaviour} with the warm pool: a forked child of a sandboxed zygote per job. */
class WarmSandboxIT extends SandboxBehaviour {

    @TempDir
    static Path workDir;

    @BeforeAll
    static void start() {
        startSandbox(true, workDir);
    }
}
