package io.hookline.gateway.execute;

import io.hookline.schemas.avro.Execution;

/** {@code GET /v4/executions/{executionId}}'s {@code data}: one dataset run with its capped, redacted output. */
public record ExecutionJson(String executionId, String docId, String datasetKey, String status, String startedAt, long durationMs,
        Integer exitCode, String stdout, String stderr, String error) {

    static ExecutionJson from(Execution execution) {
        return new ExecutionJson(execution.getExecutionId(), execution.getDocId(), execution.getDatasetKey(), execution.getStatus().name(),
                execution.getStartedAt().toString(), execution.getDurationMs(), execution.getExitCode(), execution.getStdout(),
                execution.getStderr(), execution.getError());
    }
}
