package io.hookline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Assertions on the API envelope shared by the integration tests. */
final class Envelopes {

    private Envelopes() {
    }

    /** Asserts a failure envelope with this status and code, and returns the body for more checks. */
    static WebTestClient.BodyContentSpec failure(WebTestClient.ResponseSpec response, int status, String code) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.error.code").isEqualTo(code)
                .jsonPath("$.error.message").isNotEmpty()
                .jsonPath("$.error.details").isArray()
                .jsonPath("$.data").doesNotExist()
                .consumeWith(result -> assertThat(new String(result.getResponseBody(), StandardCharsets.UTF_8)).startsWith("{\"success\":false,"));
    }

    static WebTestClient.BodyContentSpec success(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.error").doesNotExist()
                .consumeWith(result -> assertThat(new String(result.getResponseBody(), StandardCharsets.UTF_8)).startsWith("{\"success\":true,"));
    }
}
