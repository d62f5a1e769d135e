package io.hookline.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hookline.gateway.kafka.KafkaUnavailableException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ApiErrorHandlerTest {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final ApiErrorHandler handler = new ApiErrorHandler(mapper);

    @Test
    void shouldListEveryValidationProblemInTheEnvelope() {
        // given
        ApiException error = ApiException.validation(List.of(new Problem("[0].type", "unknown"), new Problem("[1].data", "is required")));

        // when
        MockServerWebExchange exchange = handle(error, "/v4/events");

        // then
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        JsonNode body = body(exchange);
        assertThat(body.get("success").booleanValue()).isFalse();
        assertThat(body.at("/error/code").stringValue()).isEqualTo("validation_failed");
        assertThat(body.at("/error/message").stringValue()).isNotBlank();
        assertThat(body.at("/error/details/0/field").stringValue()).isEqualTo("[0].type");
        assertThat(body.at("/error/details/1/problem").stringValue()).isEqualTo("is required");
    }

    @Test
    void shouldHideTheDetailsOfAnUnexpectedError() {
        // when
        MockServerWebExchange exchange = handle(new IllegalStateException("db password is hunter2"), "/v4/webhooks");

        // then
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        String text = exchange.getResponse().getBodyAsString().block();
        assertThat(text).doesNotContain("hunter2").doesNotContain("IllegalStateException").doesNotContain("at io.");
        assertThat(body(exchange).at("/error/code").stringValue()).isEqualTo("internal_error");
        assertThat(body(exchange).at("/error/details").isEmpty()).isTrue();
    }

    @Test
    void shouldAnswerAUsedUpQuotaWith429AndRetryAfterInWholeSecondsRoundedUp() {
        MockServerWebExchange exchange = handle(ApiException.quotaExceeded("Your team's quota is used up.", java.time.Duration.ofMillis(61_200)),
                "/v4/tables/t/rows");

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("62");
        assertThat(body(exchange).at("/error/code").stringValue()).isEqualTo("quota_exceeded");
        assertThat(body(exchange).at("/error/message").stringValue()).isEqualTo("Your team's quota is used up.");
    }

    @Test
    void shouldAskToRetryLaterWhenKafkaIsUnavailable() {
        // when
        MockServerWebExchange exchange = handle(new KafkaUnavailableException("broker 1 at 10.0.0.5:9092 is down"), "/v4/events");

        // then
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(body(exchange).at("/error/code").stringValue()).isEqualTo("kafka_unavailable");
        assertThat(exchange.getResponse().getBodyAsString().block()).doesNotContain("10.0.0.5");
    }

    @Test
    void shouldMapFrameworkStatusErrors() {
        assertThat(code(new ResponseStatusException(HttpStatus.NOT_FOUND, "No static resource v4/nope"))).isEqualTo("not_found");
        assertThat(code(new UnsupportedMediaTypeStatusException(MediaType.TEXT_PLAIN, List.of(MediaType.APPLICATION_JSON))))
                .isEqualTo("unsupported_media_type");
        assertThat(code(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE))).isEqualTo("payload_too_large");
    }

    @Test
    void shouldSayWhichMethodsAreAllowed() {
        // when
        MockServerWebExchange exchange = handle(new MethodNotAllowedException(HttpMethod.DELETE, Set.of(HttpMethod.GET, HttpMethod.POST)),
                "/v4/webhooks");

        // then
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(exchange.getResponse().getHeaders().getAllow()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.POST);
        assertThat(body(exchange).at("/error/code").stringValue()).isEqualTo("method_not_allowed");
    }

    @Test
    void shouldLeaveErrorsOutsideTheApiToBoot() {
        // given
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/actuator/nope"));
        IllegalStateException error = new IllegalStateException("boom");

        // when
        Throwable passedOn = catchThrowable(() -> handler.handle(exchange, error).block());

        // then
        assertThat(passedOn).isSameAs(error);
        assertThat(exchange.getResponse().getStatusCode()).isNull();
    }

    private String code(Throwable error) {
        return body(handle(error, "/v4/anything")).at("/error/code").stringValue();
    }

    private MockServerWebExchange handle(Throwable error, String path) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post(path));
        handler.handle(exchange, error).block();
        return exchange;
    }

    private JsonNode body(MockServerWebExchange exchange) {
        return mapper.readTree(exchange.getResponse().getBodyAsString().block());
    }
}
