package io.hookline.gateway.execute;

import io.hookline.schemas.avro.ExecuteResult;
import java.util.List;

/** The execute endpoint's {@code data}: the doc and one result per dataset run, in run order. */
public record ExecuteJson(String docId, List<Result> results) {

    /** One dataset's outcome; {@code error} is null on success. */
    public record Result(String datasetKey, boolean success, String executionId, String error, long durationMs) {
    }

    static ExecuteJson from(ExecuteResult result) {
        return new ExecuteJson(result.getDocId(), result.getResults().stream()
                .map(r -> new Result(r.getDatasetKey(), r.getSuccess(), r.getExecutionId(), r.getError(), r.getDurationMs()))
                .toList());
    }
}
