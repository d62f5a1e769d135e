package io.hookline.gateway.console;

import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.gateway.web.Problem;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

/**
 * The console's errors as pages: the API's own status and message (a member's forged action is the
 * API's 403, another team's webhook its 404), never a stack trace; unexpected errors go to the log.
 */
@ControllerAdvice(assignableTypes = {WebhookPages.class, WebhookActionPages.class, LogPages.class, EventTypePages.class, UserPages.class, DocPages.class})
final class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    private final Pages pages;

    ConsoleErrors(Pages pages) {
        this.pages = pages;
    }

    @ExceptionHandler(ApiException.class)
    Rendering api(ServerWebExchange exchange, ApiException error) {
        return page(exchange, error.code().status(), error.getMessage(), error.details());
    }

    @ExceptionHandler(KafkaUnavailableException.class)
    Rendering kafka(ServerWebExchange exchange, KafkaUnavailableException error) {
        log.warn("Kafka unavailable for console {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error.getMessage());
        return page(exchange, ErrorCode.KAFKA_UNAVAILABLE.status(), ErrorCode.KAFKA_UNAVAILABLE.message(), List.of());
    }

    @ExceptionHandler(Exception.class)
    Rendering unexpected(ServerWebExchange exchange, Exception error) {
        log.error("Unexpected error on console {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        return page(exchange, HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_ERROR.message(), List.of());
    }

    private Rendering page(ServerWebExchange exchange, org.springframework.http.HttpStatusCode status, String message, List<Problem> details) {
        return pages.view(exchange, "error")
                .modelAttribute("status", status.value())
                .modelAttribute("message", message)
                .modelAttribute("problems", Pages.problems(details))
                .status(status)
                .build();
    }
}
