package io.hookline.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A webhook receiver for tests: a real HTTP(S) server on 127.0.0.1, port 0, that records every
 * request and answers as told (a status and body per path, or never, to simulate a hanging endpoint).
 */
public final class TestReceiver implements AutoCloseable {

    private record Answer(int status, String body, Map<String, String> headers) {

        Answer(int status, String body) {
            this(status, body, Map.of("Content-Type", "text/plain"));
        }
    }

    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private volatile Answer defaultAnswer = new Answer(200, "ok");
    private final TestCertificates certificates;
    private final LoopResources loops;
    private final DisposableServer server;

    private TestReceiver(boolean tls) {
        this.certificates = tls ? TestCertificates.selfSigned() : null;
        // Own event loops: an application under test that shuts down Reactor Netty's global
        // resources (as Spring does on context close) must not take the receiver down with it.
        this.loops = LoopResources.create("test-receiver", 1, true);
        HttpServer http = HttpServer.create().runOn(loops).host("127.0.0.1").port(0).handle(this::handle);
        if (tls) {
            http = http.secure(spec -> spec.sslContext(Http11SslContextSpec.forServer(
                    certificates.keyPair().getPrivate(), certificates.certificate())));
        }
        this.server = http.bindNow(Duration.ofSeconds(10));
    }

    /** A receiver with a self-signed certificate; trust it through {@link #caCertificatePem()}. */
    public static TestReceiver https() {
        return new TestReceiver(true);
    }

    public static TestReceiver http() {
        return new TestReceiver(false);
    }

    public String url(String path) {
        return (certificates == null ? "http" : "https") + "://127.0.0.1:" + server.port() + path;
    }

    public int port() {
        return server.port();
    }

    /** The PEM file of the receiver's certificate, for {@code hookline.delivery.extra-ca-certs}. */
    public Path caCertificatePem() {
        if (certificates == null) {
            throw new IllegalStateException("A plain HTTP receiver has no certificate");
        }
        return certificates.pemFile();
    }

    public void respondWith(int status, String body) {
        defaultAnswer = new Answer(status, body);
    }

    public void respondWith(String path, int status, String body) {
        answers.put(path, new Answer(status, body));
    }

    /** Answers this path with these headers too (Content-Type among them, if any). */
    public void respondWith(String path, int status, String body, Map<String, String> headers) {
        answers.put(path, new Answer(status, body, Map.copyOf(headers)));
    }

    /** Requests to this path are read and then never answered. */
    public void hang(String path) {
        hanging.add(path);
    }

    /** Requests to this path are recorded on arrival and answered only after {@code delay}: a slow endpoint. */
    public void answerAfter(String path, Duration delay) {
        delays.put(path, delay);
    }

    public List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<ReceivedRequest> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until at least {@code n} requests arrived, and returns them all. */
    public List<ReceivedRequest> awaitRequests(int n, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> requests.size() >= n);
        return requests();
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(body -> {
            Map<String, String> headers = new HashMap<>();
            request.requestHeaders().forEach(h -> headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b));
            String path = request.fullPath();
            requests.add(new ReceivedRequest(request.method().name(), path, Map.copyOf(headers), body, Instant.now()));
            if (hanging.contains(path)) {
                return Mono.never();
            }
            Answer answer = answers.getOrDefault(path, defaultAnswer);
            answer.headers().forEach(response::header);
            Mono<Void> answered = response.status(answer.status()).sendString(Mono.just(answer.body())).then();
            Duration delay = delays.get(path);
            return delay == null ? answered : Mono.delay(delay).then(answered);
        });
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        loops.disposeLater().block(Duration.ofSeconds(5));
    }
}
