package io.hookline.executor.sandbox;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link IsolationBehaviour} with the warm pool launched as a root executor does (setpriv to uid 65534). */
class WarmIsolationIT extends IsolationBehaviour {

    @TempDir
    static Path workDir;

    @BeforeAll
    static void start() {
        startSandbox(SandboxFixture.Mode.WARM, workDir);
    }
}
