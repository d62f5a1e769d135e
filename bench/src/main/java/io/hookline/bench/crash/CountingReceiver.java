package io.hookline.bench.crash;

import io.hookline.testsupport.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/** An HTTPS receiver on loopback that answers 200 and counts the requests of each delivery id (its webhook-id header). */
final class CountingReceiver implements AutoCloseable {

    private final TestCertificates certificates = TestCertificates.selfSigned();
    private final LoopResources loops = LoopResources.create("crash-receiver", 2, true);
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final DisposableServer server;

    CountingReceiver() {
        server = HttpServer.create().runOn(loops).host("127.0.0.1").port(0)
                .secure(spec -> spec.sslContext(Http11SslContextSpec.forServer(certificates.keyPair().getPrivate(), certificates.certificate())))
                .handle((request, response) -> request.receive().aggregate().then(Mono.defer(() -> {
                    String id = request.requestHeaders().get("webhook-id");
                    if (id != null) {
                        received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    }
                    return response.status(200).sendString(Mono.just("ok")).then();
                })))
                .bindNow(Duration.ofSeconds(10));
    }

    /** Delivery id → requests received so far: a copy. */
    Map<String, Integer> counts() {
        Map<String, Integer> copy = new HashMap<>();
        received.forEach((id, count) -> copy.put(id, count.get()));
        return copy;
    }

    int distinct() {
        return received.size();
    }

    String url(String path) {
        return "https://127.0.0.1:" + server.port() + "/" + path;
    }

    Path caCertificatePem() {
        return certificates.pemFile();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        loops.disposeLater().block(Duration.ofSeconds(5));
    }
}
