package io.hookline.executor.run;

import io.hookline.executor.sandbox.SandboxRun;

/** The {@code error} sentence of a failed run, naming its cause. */
final class Outcomes {

    private Outcomes() {
    }

    static String error(SandboxRun run, long timeoutMs) {
        return switch (run.ending()) {
            case TIMED_OUT -> "Timed out after " + timeoutMs + " ms; the dataset's processes were killed.";
            case OUTPUT_EXCEEDED -> "Output exceeded the limit; the dataset was killed.";
            case FAILED_TO_START -> "The sandbox could not be started.";
            case EXITED -> exited(run);
        };
    }

    private static String exited(SandboxRun run) {
        if (run.pythonError() != null) {
            return run.pythonError();
        }
        Integer code = run.exitCode();
        if (code != null && code == 137) {
            return "Killed (exit 137): the dataset went over its memory, CPU or process limit.";
        }
        if (code != null && code == 152) {
            return "Killed (exit 152): the dataset used up its CPU time limit.";
        }
        return "Exited with code " + code + ".";
    }
}
