package io.hookline.executor.sandbox;

/** Runs one dataset, isolated, to completion or to its timeout. Implementations are thread-safe. */
public interface Sandbox {

    /** Runs the job on the calling thread, which must outlive the run (bwrap's --die-with-parent follows the thread). */
    SandboxRun run(SandboxJob job);
}
