package io.hookline.gateway.web;

import java.util.List;

/**
 * The body of every {@code /v4} response (API.md, "Envelope"). Success bodies carry {@code data}
 * (and {@code nextCursor}, null on the last page, for lists); failure bodies carry {@code error}.
 * {@code success} is a component so that it is written first.
 */
public sealed interface Envelope {

    static <T> Success<T> of(T data) {
        return new Success<>(true, data);
    }

    static <T> Page<T> page(List<T> data, String nextCursor) {
        return new Page<>(true, data, nextCursor);
    }

    static Failure failure(ErrorCode code, String message, List<Problem> details) {
        return new Failure(false, new Failure.Error(code.code(), message, details));
    }

    record Success<T>(boolean success, T data) implements Envelope {
    }

    record Page<T>(boolean success, List<T> data, String nextCursor) implements Envelope {
    }

    record Failure(boolean success, Error error) implements Envelope {

        public record Error(String code, String message, List<Problem> details) {
        }
    }
}
