package io.hookline.bench.delivery;

import io.hookline.testsupport.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    private volatile Awaited awaited;

    BenchReceiver() {
        server = HttpServer.create().runOn(loops).host("127.0.0.1").port(0)
                .secure(spec -> spec.sslContext(Http11SslContextSpec.forServer(certificates.keyPair().getPrivate(), certificates.certificate())))
                .handle((request, response) -> request.receive().aggregate().then(Mono.defer(() -> {
                    long now = System.nanoTime();
                    requests.incrementAndGet();
                    String id = request.requestHeaders().get("webhook-id");
                    if (id != null && firstArrival.putIfAbsent(id, now) == null) {
                        arrived(id);
                    }
                    String path = request.fullPath();
                    if (hanging.contains(path)) {
                        return Mono.never();
                    }
                    return response.status(failing.contains(path) ? 500 : 200).sendString(Mono.just("ok")).then();
                })))
                .bindNow(Duration.ofSeconds(10));
    }

    /** The ids a scenario waits for: counted down as each first arrives, so waiting costs no polling. */
    private record Awaited(Set<String> missing, CountDownLatch latch) {
    }

    private void arrived(String id) {
        Awaited current = awaited;
        if (current != null && current.missing().remove(id)) {
            current.latch().countDown();
        }
    }

    /**
     * Waits until every id has arrived; returns the {@code System.nanoTime()} of the latest first arrival.
     * (Scanning the arrivals map in a loop instead cost the benchmark's JVM a noticeable share of a core.)
     */
    long awaitAll(Collection<String> ids, Duration timeout) throws InterruptedException {
        Set<String> missing = ConcurrentHashMap.newKeySet();
        missing.addAll(ids);
        Awaited current = new Awaited(missing, new CountDownLatch(missing.size()));
        awaited = current;
        // arrivals before the watch was set: either this loop or arrived() removes each id, never both
        for (String id : ids) {
            if (firstArrival.containsKey(id) && missing.remove(id)) {
                current.latch().countDown();
            }
        }
        boolean all = current.latch().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        awaited = null;
        if (!all) {
            throw new IllegalStateException(missing.size() + " of " + ids.size() + " deliveries did not arrive within " + timeout);
        }
        long latest = 0;
        for (String id : ids) {
            latest = Math.max(latest, firstArrival.get(id));
        }
        return latest;
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
