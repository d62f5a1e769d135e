package io.hookline.executor.sandbox;

/**
 * What a dataset run produced: exit code (null when it never started), capped outputs, why it
 * ended, and the Python error line the runner reported (null when none).
 */
public record SandboxRun(Integer exitCode, String stdout, String stderr, Ending ending, String pythonError, long durationMs) {

    /** How a run ended. */
    public enum Ending { EXITED, TIMED_OUT, OUTPUT_EXCEEDED, FAILED_TO_START }

    public boolean succeeded() {
        return ending == Ending.EXITED && exitCode != null && exitCode == 0;
    }
}
