package io.hookline.standalone.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Another site's page that frames the console: a plain HTTP server on {@code localhost}, port 0, whose
 * pages each hold one {@code <iframe>}. The console is served from {@code 127.0.0.1}, so for the
 * browser the frame is cross-site and its cookies are third-party.
 */
final class Embedder implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> frames = new ConcurrentHashMap<>();

    private Embedder(HttpServer server) {
        this.server = server;
    }

    static Embedder start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Embedder embedder = new Embedder(server);
            server.createContext("/", embedder::page);
            server.start();
            return embedder;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code http://localhost:port}: what {@code hookline.portal.allowed-origins} lists, or not. */
    String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** A page at this path of the embedder whose frame opens {@code src}; its address. */
    String framing(String path, String src) {
        frames.put(path, src);
        return origin() + path;
    }

    private void page(HttpExchange exchange) throws IOException {
        String src = frames.get(exchange.getRequestURI().getPath());
        byte[] body = (src == null ? "<!DOCTYPE html><title>Not found</title>"
                : "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Our app · webhooks</title></head><body><main>"
                        + "<h1>Our app</h1><iframe id=\"portal\" title=\"Webhooks\" width=\"1200\" height=\"820\" src=\"" + src
                        + "\"></iframe></main></body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(src == null ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
