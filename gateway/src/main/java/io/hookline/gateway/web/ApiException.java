package io.hookline.gateway.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An error meant for the client: {@link ApiErrorHandler} turns it into the failure envelope as it
 * is. Its message is shown to clients, so it must never carry internals.
 */
public final class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<Problem> details;
    private final Duration retryAfter;

    public ApiException(ErrorCode code, String message, List<Problem> details) {
        this(code, message, details, null);
    }

    private ApiException(ErrorCode code, String message, List<Problem> details, Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.details = List.copyOf(details);
        this.retryAfter = retryAfter;
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

    /** A {@code 429}: the message says which quota, {@code retryAfter} goes into the {@code Retry-After} header. */
    public static ApiException quotaExceeded(String message, Duration retryAfter) {
        return new ApiException(ErrorCode.QUOTA_EXCEEDED, message, List.of(), retryAfter);
    }

    /** How long the client should wait before trying again, when the error says. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public ErrorCode code() {
        return code;
    }

    public List<Problem> details() {
        return details;
    }
}
