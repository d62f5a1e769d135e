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

    /** What arrived of a scenario: the latest first arrival ({@code System.nanoTime()}, 0 if none) and the ids that did not. */
    record Arrivals(long latest, Set<String> missing) {
    }

    /**
     * Waits until every id has arrived, or until nothing more arrived for {@code stall} (a failed delivery
     * never arrives: the benchmark then asks the delivery log why, instead of waiting minutes for it).
     * (Scanning the arrivals map in a loop instead cost the benchmark's JVM a noticeable share of a core.)
     */
    Arrivals awaitAll(Collection<String> ids, Duration stall) throws InterruptedException {
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
        for (long before = -1; current.latch().getCount() != before; ) {
            before = current.latch().getCount();
            if (current.latch().await(stall.toMillis(), TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        awaited = null;
        long latest = 0;
        for (String id : ids) {
            Long at = firstArrival.get(id);
            latest = at == null ? latest : Math.max(latest, at);
        }
        return new Arrivals(latest, Set.copyOf(missing));
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
