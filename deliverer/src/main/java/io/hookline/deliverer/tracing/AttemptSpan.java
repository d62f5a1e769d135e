package io.hookline.deliverer.tracing;

/** The span of one attempt, ended once the attempt has its outcome. */
public interface AttemptSpan {

    /** No span: tracing is off. */
    AttemptSpan NONE = (responseCode, failure) -> {
    };

    /**
     * @param responseCode the HTTP status the endpoint answered, or 0 when it did not answer
     * @param failure      why the attempt failed, or null when it succeeded
     */
    void end(int responseCode, String failure);
}
