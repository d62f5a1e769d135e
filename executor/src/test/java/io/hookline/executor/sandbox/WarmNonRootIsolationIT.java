package io.hookline.executor.sandbox;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link IsolationBehaviour} with the warm pool of a non-root executor (emulated: bwrap launched as uid {@value SandboxFixture#EXECUTOR_UID}). */
class WarmNonRootIsolationIT extends IsolationBehaviour {

    @TempDir
    static Path workDir;

    @BeforeAll
    static void start() {
        startSandbox(SandboxFixture.Mode.WARM_NON_ROOT, workDir);
    }
}
