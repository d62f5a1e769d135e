package io.hookline.standalone.execute;

import io.hookline.standalone.HooklineClient.Response;
import io.hookline.standalone.HooklineClient;
import java.net.http.HttpRequest;

/** The public HTTP API with the key (or none) chosen per call. */
final class ApiClient {

    private final String baseUrl;

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Response post(String key, String path, String json) {
        return as(key).post(path, json);
    }

    Response post(String key, String path, String json, String idempotencyKey) {
        return as(key).send("POST", path, json, "Idempotency-Key", idempotencyKey);
    }

    Response post(String key, String path, byte[] body) {
        return as(key).send("POST", path, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    Response put(String key, String path, String json) {
        return as(key).put(path, json);
    }

    Response delete(String key, String path) {
        return as(key).delete(path);
    }

    Response get(String key, String path) {
        return as(key).get(path);
    }

    private HooklineClient as(String key) {
        return new HooklineClient(baseUrl, key);
    }
}
