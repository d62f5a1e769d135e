package io.hookline.executor.sandbox;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link SandboxBehaviour} with a fresh bwrap + python3 per job. */
class FreshSandboxIT extends SandboxBehaviour {

    @TempDir
    static Path workDir;

    @BeforeAll
    static void start() {
        startSandbox(false, workDir);
    }
}
