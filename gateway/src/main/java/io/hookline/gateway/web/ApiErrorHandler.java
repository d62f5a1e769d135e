package io.hookline.gateway.web;

import io.hookline.gateway.kafka.KafkaUnavailableException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where every error of a {@code /v4} request becomes the failure envelope: our own
 * {@link ApiException}s, WebFlux's status exceptions (unknown path, wrong method or media type),
 * Kafka being unavailable, and anything unexpected (a generic 500; the details go to the log only).
 * It runs before Boot's default error handler; other paths are left to Boot.
 */
public final class ApiErrorHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);
    /** Seconds a client should wait before retrying when Kafka is unavailable. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final JsonMapper mapper;

    public ApiErrorHandler(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public int getOrder() {
        // Boot's DefaultErrorWebExceptionHandler is -1.
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (!ApiPaths.isApi(exchange) || response.isCommitted()) {
            return Mono.error(error);
        }
        ApiException api = toApiException(error, exchange);
        response.setStatusCode(api.code().status());
        HttpHeaders headers = response.getHeaders();
        if (error instanceof ResponseStatusException statusException) {
            headers.addAll(statusException.getHeaders());
        }
        if (api.code() == ErrorCode.KAFKA_UNAVAILABLE || api.code() == ErrorCode.AUDIT_UNAVAILABLE) {
            headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        // whole seconds, rounded up, so that a client that waits exactly that long is not refused again
        api.retryAfter().ifPresent(wait -> headers.set(HttpHeaders.RETRY_AFTER,
                Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
        headers.setContentType(MediaType.APPLICATION_JSON);
        byte[] body = mapper.writeValueAsBytes(Envelope.failure(api.code(), api.getMessage(), api.details()));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /** What the client is told about this error. */
    static ApiException toApiException(Throwable error, ServerWebExchange exchange) {
        if (error instanceof ApiException api) {
            return api;
        }
        if (error instanceof KafkaUnavailableException) {
            log.warn("Kafka unavailable for {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error.getMessage());
            return new ApiException(ErrorCode.KAFKA_UNAVAILABLE);
        }
        if (error instanceof ResponseStatusException statusException) {
            return fromStatus(statusException.getStatusCode().value());
        }
        log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        return new ApiException(ErrorCode.INTERNAL_ERROR);
    }

    private static ApiException fromStatus(int status) {
        for (ErrorCode code : List.of(ErrorCode.NOT_FOUND, ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.NOT_ACCEPTABLE,
                ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.BAD_REQUEST)) {
            if (code.status().value() == status) {
                return new ApiException(code);
            }
        }
        return new ApiException(status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST);
    }
}
