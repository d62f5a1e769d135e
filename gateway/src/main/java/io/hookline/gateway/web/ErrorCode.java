package io.hookline.gateway.web;

import org.springframework.http.HttpStatus;

/** Every error the API answers with: its HTTP status, its envelope code and the sentence a client sees. */
public enum ErrorCode {
    MALFORMED_JSON(HttpStatus.BAD_REQUEST, "malformed_json", "The request body is not valid JSON."),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "bad_request", "The request cannot be processed."),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid API key is required: send 'Authorization: Bearer <key>'."),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this operation."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not_found", "Not found."),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "This method is not allowed on this path."),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "Responses are JSON only: accept application/json."),
    CONFLICT(HttpStatus.CONFLICT, "conflict", "The request conflicts with the current state."),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "The request body is too large."),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
            "The request body must be JSON: send 'Content-Type: application/json'."),
    QUOTA_EXCEEDED(HttpStatus.TOO_MANY_REQUESTS, "quota_exceeded", "Your team's quota is used up; retry after the time in Retry-After."),
    VALIDATION_FAILED(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed", "The request is not valid; see details."),
    KAFKA_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "kafka_unavailable",
            "The event store is unavailable right now; retry later."),
    AUDIT_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "audit_unavailable",
            "The audit log cannot be written right now; retry later."),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on our side.");

    private final HttpStatus status;
    private final String code;
    private final String message;

    ErrorCode(HttpStatus status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }
}
