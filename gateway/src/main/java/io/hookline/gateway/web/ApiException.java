package io.hookline.gateway.web;

import java.util.List;

/**
 * An error meant for the client: {@link ApiErrorHandler} turns it into the failure envelope as it
 * is. Its message is shown to clients, so it must never carry internals.
 */
public final class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<Problem> details;

    public ApiException(ErrorCode code, String message, List<Problem> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = List.copyOf(details);
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public ApiException(ErrorCode code) {
        this(code, code.message(), List.of());
    }

    public static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND);
    }

    public static ApiException validation(List<Problem> details) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, ErrorCode.VALIDATION_FAILED.message(), details);
    }

    public static ApiException validation(String field, String problem) {
        return validation(List.of(new Problem(field, problem)));
    }

    public ErrorCode code() {
        return code;
    }

    public List<Problem> details() {
        return details;
    }
}
