package io.hookline.gateway.web;

import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

/** Which requests belong to the public API and so get its envelope and its authentication. */
public final class ApiPaths {

    public static final String PREFIX = "/v4";
    /** The one {@code /v4} path that needs no API key: the OpenAPI document, read by tools before anyone has a key. */
    public static final String OPEN_API_DOCUMENT = PREFIX + "/openapi.json";

    private ApiPaths() {
    }

    /** Whether this request may be answered without an API key (reading the OpenAPI document only). */
    public static boolean isPublic(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                && exchange.getRequest().getPath().pathWithinApplication().value().equals(OPEN_API_DOCUMENT);
    }

    public static boolean isApi(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }
}
