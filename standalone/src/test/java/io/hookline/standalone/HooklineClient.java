package io.hookline.standalone;

import io.hookline.gateway.openapi.OpenApiDocument;
import io.hookline.testsupport.openapi.ContractFilters;
import io.hookline.testsupport.openapi.OpenApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the public HTTP API, as a user with curl would call it: the standalone ITs' one client. */
public final class HooklineClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Every answer this client receives is checked against the gateway's OpenAPI document (issue 14). */
    public static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath(OpenApiDocument.RESOURCE);

    public record Response(int status, JsonNode body) {

        public JsonNode data() {
            return body.path("data");
        }
    }

    private final String baseUrl;
    private final String apiKey;
    private final HttpClient http;

    /** @param apiKey sent as {@code Authorization: Bearer}; null sends no key */
    public HooklineClient(String baseUrl, String apiKey) {
        this(baseUrl, apiKey, HTTP);
    }

    /** @param http a client of its own, such as one that trusts a test certificate of a platform served over HTTPS */
    public HooklineClient(String baseUrl, String apiKey, HttpClient http) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.http = http;
    }

    public Response get(String path) {
        return send("GET", path, (String) null);
    }

    public Response post(String path, String json) {
        return send("POST", path, json);
    }

    public Response patch(String path, String json) {
        return send("PATCH", path, json);
    }

    public Response put(String path, String json) {
        return send("PUT", path, json);
    }

    public Response delete(String path) {
        return send("DELETE", path, (String) null);
    }

    public Response send(String method, String path, String json, String... headers) {
        return send(method, path, json == null ? null : HttpRequest.BodyPublishers.ofString(json), headers);
    }

    /** A JSON body (or none) and extra header name/value pairs. */
    public Response send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body)
                .timeout(Duration.ofSeconds(90));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = ContractFilters.checked(CONTRACT, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
            return new Response(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode parse(String json) {
        return JSON.readTree(json);
    }
}
