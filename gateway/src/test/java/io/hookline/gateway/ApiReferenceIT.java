package io.hookline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI document needs no API key, and /docs serves Swagger UI from the jar, pointed at it. */
class ApiReferenceIT {

    private static WebTestClient client;

    @BeforeAll
    static void start() {
        client = GatewayTestApp.shared().client();
    }

    @Test
    void shouldServeTheOpenApiDocumentAsJsonWithoutAnApiKey() {
        // when the document is read without a key
        byte[] body = client.get().uri("/v4/openapi.json").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();

        // then it is the OpenAPI 3.1 document of every /v4 path
        JsonNode document = JsonMapper.shared().readTree(body);
        assertThat(document.get("openapi").stringValue()).startsWith("3.1.");
        assertThat(document.get("paths").propertyNames()).contains("/v4/webhooks", "/v4/events", "/v4/openapi.json");
    }

    @Test
    void shouldStillRequireAKeyForEveryOtherApiPathAndForChangingTheDocumentPath() {
        client.get().uri("/v4/openapi.jsonx").exchange().expectStatus().isUnauthorized();
        client.post().uri("/v4/openapi.json").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void shouldServeTheInteractiveReferenceAndItsAssetsFromTheJar() {
        // when the page is opened
        String page = client.get().uri("/docs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueMatches("Content-Security-Policy", "^(?!.*unsafe).*script-src 'self';.*frame-ancestors 'none'.*")
                .expectBody(String.class).returnResult().getResponseBody();

        // then it points at the document and every script and style it names is served here
        assertThat(page).contains("data-url=\"/v4/openapi.json\"");
        java.util.regex.Matcher assets = java.util.regex.Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(page);
        int served = 0;
        while (assets.find()) {
            client.get().uri(assets.group(1)).exchange().expectStatus().isOk();
            served++;
        }
        assertThat(served).isGreaterThanOrEqualTo(4);
    }
}
