package io.hookline.gateway.web;

import org.springframework.web.server.ServerWebExchange;

/** Which requests belong to the public API and so get its envelope and its authentication. */
public final class ApiPaths {

    public static final String PREFIX = "/v4";

    private ApiPaths() {
    }

    public static boolean isApi(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }
}
