package io.hookline.executor.sandbox;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link IsolationBehaviour} with a fresh bwrap + python3 per job. */
class FreshIsolationIT extends IsolationBehaviour {

    @TempDir
    static Path workDir;

    @BeforeAll
    static void start() {
        startSandbox(SandboxFixture.Mode.FRESH, workDir);
    }
}
