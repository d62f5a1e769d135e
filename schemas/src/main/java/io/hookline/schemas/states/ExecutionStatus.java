package io.hookline.schemas.states;

import java.util.Optional;

/** How a dataset run ended, on {@code Execution.status}. */
public enum ExecutionStatus implements WireValue {
    SUCCEEDED, FAILED, TIMED_OUT;

    /** The value a record carries, or empty for one this build does not know. */
    public static Optional<ExecutionStatus> of(String wire) {
        return WireValue.of(ExecutionStatus.class, wire);
    }
}
