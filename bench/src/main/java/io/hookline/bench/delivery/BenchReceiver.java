package io.hookline.bench.delivery;

import io.hookline.testsupport.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The benchmark's receiver: a Netty (Reactor Netty) HTTPS server on loopback that records only
 * what the figures need (when each delivery id first arrived, and how many requests each path got)
 * and answers 200, 500 or never, per path.
 */
final class BenchReceiver implements AutoCloseable {

    private final TestCertificates certificates = TestCertificates.selfSigned();
    private final LoopResources loops = LoopResources.create("bench-receiver", 2, true);
    private final DisposableServer server;
    /** delivery id → System.nanoTime() of its first arrival */
    final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    final AtomicLong requests = new AtomicLong();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    BenchReceiver() {
        server = HttpServer.create().runOn(loops).host("127.0.0.1").port(0)
                .secure(spec -> spec.sslContext(Http11SslContextSpec.forServer(certificates.keyPair().getPrivate(), certificates.certificate())))
                .handle((request, response) -> request.receive().aggregate().then(Mono.defer(() -> {
                    long now = System.nanoTime();
                    requests.incrementAndGet();
                    String id = request.requestHeaders().get("webhook-id");
                    if (id != null) {
                        firstArrival.putIfAbsent(id, now);
                    }
                    String path = request.fullPath();
                    if (hanging.contains(path)) {
                        return Mono.never();
                    }
                    return response.status(failing.contains(path) ? 500 : 200).sendString(Mono.just("ok")).then();
                })))
                .bindNow(Duration.ofSeconds(10));
    }

    String url(String path) {
        return "https://127.0.0.1:" + server.port() + "/" + path;
    }

    Path caCertificatePem() {
        return certificates.pemFile();
    }

    void hang(String path) {
        hanging.add("/" + path);
    }

    void fail(String path) {
        failing.add("/" + path);
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        loops.disposeLater().block(Duration.ofSeconds(5));
    }
}
