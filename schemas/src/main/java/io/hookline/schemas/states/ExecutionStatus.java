package io.hookline.schemas.states;

import io.hookline.schemas.avro.ExecutionStatusSymbol;
import java.util.Optional;

/** How a dataset run ended, on {@code Execution.status}. */
public enum ExecutionStatus implements WireValue<ExecutionStatusSymbol> {
    SUCCEEDED, FAILED, TIMED_OUT;

    /** The value a string is (a client's), or empty for one this build does not know. */
    public static Optional<ExecutionStatus> of(String wire) {
        return WireValue.of(ExecutionStatus.class, wire);
    }

    /** The value a record's symbol stands for; empty only for null. */
    public static Optional<ExecutionStatus> of(ExecutionStatusSymbol symbol) {
        return WireValue.of(ExecutionStatus.class, symbol);
    }

    @Override
    public Class<ExecutionStatusSymbol> symbolType() {
        return ExecutionStatusSymbol.class;
    }
}
