package io.hookline.deliverer.http;

import io.hookline.deliverer.DeliveryProperties;
import io.hookline.deliverer.delivery.DeliveryOutcome;
import io.hookline.deliverer.delivery.Sender;
import io.hookline.deliverer.request.OutboundRequest;
import io.hookline.deliverer.tracing.AttemptSpan;
import io.hookline.kafka.DeliveryUrlPolicy;
import io.hookline.schemas.net.AddressPolicy;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Sends signed requests with Reactor Netty: pooled keep-alive connections, no redirects, TLS 1.2+
 * with hostname verification, one time budget per attempt ({@link AttemptClock}: Hookline's own
 * queueing is not charged to the endpoint), at most a few connection set-ups at once ({@link SetupTurns}),
 * and the {@link AddressPolicy} enforced on the addresses actually connected to. Owns its event loops
 * and pool; {@link #close()} frees them.
 */
public final class HttpSender implements Sender, AutoCloseable {

    private final Duration timeout;
    private final boolean allowInsecureHttp;
    private final ConnectionProvider pool;
    private final LoopResources loops;
    private final ExecutorService dnsLookups;
    private final PolicyResolverGroup resolver;
    private final HttpClient https;
    private final HttpClient http;

    /**
     * Connection set-ups (connect + TLS handshake) at once: a handshake is mostly CPU, so about what the
     * cores run in parallel, with room for set-ups that wait on the network.
     */
    static final int SETUP_TURNS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    /** @param urls which URLs and addresses may be called (the gateway checks the same when a webhook is created) */
    public HttpSender(DeliveryProperties properties, DeliveryUrlPolicy urls) {
        this(properties, urls, HostLookup.JDK, SETUP_TURNS);
    }

    HttpSender(DeliveryProperties properties, DeliveryUrlPolicy urls, HostLookup lookup) {
        this(properties, urls, lookup, SETUP_TURNS);
    }

    HttpSender(DeliveryProperties properties, DeliveryUrlPolicy urls, HostLookup lookup, int setupTurns) {
        this.timeout = properties.timeout();
        this.allowInsecureHttp = urls.allowInsecureHttp();
        AddressPolicy policy = urls.addresses();
        this.dnsLookups = Executors.newFixedThreadPool(4, daemonThreads("hookline-deliverer-dns-"));
        this.resolver = new PolicyResolverGroup(policy, lookup, dnsLookups);
        this.loops = LoopResources.create("hookline-deliverer-http", LoopResources.DEFAULT_IO_WORKER_COUNT, true);
        this.pool = ConnectionProvider.builder("hookline-deliverer")
                .maxConnections(properties.maxInFlight())
                .pendingAcquireMaxCount(-1) // the dispatcher bounds concurrency; the pool must not fail for it
                .pendingAcquireTimeout(timeout)
                .maxIdleTime(Duration.ofSeconds(30))
                .evictInBackground(Duration.ofSeconds(30))
                .build();
        ConnectGuard guard = new ConnectGuard(policy);
        // while the queue is stuck (no set-up succeeded for one timeout: endpoints hanging in their
        // handshake hold the turns) a waiter goes ahead: they must not hold back everyone else's connections
        SetupGate gate = new SetupGate(new SetupTurns(setupTurns, timeout, System::nanoTime), timeout);
        HttpClient base = HttpClient.create(pool)
                .runOn(loops)
                .resolver(resolver)
                // outbound connect passes the guard (the address checked) before the gate (the turn)
                .doOnChannelInit((observer, channel, remote) -> channel.pipeline()
                        .addFirst(ConnectGuard.NAME, guard).addFirst(SetupGate.NAME, gate))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .followRedirect(false)
                .compress(false)
                .responseTimeout(timeout);
        SslContext tls = TlsContexts.client(properties.extraCaCerts());
        this.https = base.secure(spec -> spec.sslContext(tls).handshakeTimeout(timeout));
        this.http = base;
    }

    @Override
    public CompletionStage<DeliveryOutcome> send(OutboundRequest request) {
        CompletionStage<DeliveryOutcome> outcome = post(request);
        AttemptSpan span = request.span();
        return span == AttemptSpan.NONE ? outcome : outcome.whenComplete((ended, failure) -> end(span, ended, failure));
    }

    /** Ends the attempt's span with what the delivery log will say of it. */
    private static void end(AttemptSpan span, DeliveryOutcome outcome, Throwable failure) {
        if (outcome instanceof DeliveryOutcome.Responded responded) {
            span.end(responded.status(), responded.successful() ? null : "HTTP " + responded.status());
        } else if (outcome instanceof DeliveryOutcome.TimedOut timedOut) {
            span.end(0, "timed out after " + timedOut.after().toMillis() + " ms");
        } else if (outcome instanceof DeliveryOutcome.Refused refused) {
            span.end(0, refused.reason());
        } else if (outcome instanceof DeliveryOutcome.Unreachable unreachable) {
            span.end(0, unreachable.error());
        } else {
            span.end(0, "delivery failed: " + failure);
        }
    }

    private CompletionStage<DeliveryOutcome> post(OutboundRequest request) {
        URI uri;
        try {
            uri = new URI(request.url());
        } catch (URISyntaxException e) {
            return done(new DeliveryOutcome.Refused("invalid URL: " + e.getMessage()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowInsecureHttp)) {
            return done(new DeliveryOutcome.Refused(scheme.equals("http")
                    ? "https required: http:// URLs are refused (hookline.delivery.allow-insecure-http is false)"
                    : "https required: unsupported URL scheme '" + scheme + "'"));
        }
        if (uri.getHost() == null) {
            return done(new DeliveryOutcome.Refused("invalid URL: no host in " + request.url()));
        }
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        HttpClient client = scheme.equals("https") ? https : http;
        AttemptClock clock = new AttemptClock(timeout, System::nanoTime);
        return client
                .post()
                .uri(uri)
                .send((req, out) -> {
                    out.withConnection(connection -> clock.requestWritten(connection.channel().attr(SetupGate.TURN_AT).getAndSet(null)));
                    request.headers().forEach(req::header);
                    req.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
                    return out.sendByteArray(Mono.just(body));
                })
                .response((response, content) -> CappedBody.read(content)
                        .map(text -> (DeliveryOutcome) new DeliveryOutcome.Responded(
                                response.status().code(), flatten(response.responseHeaders()), text)))
                .next()
                // the clock's expiry; before the request is written, connect and handshake are bounded by
                // their own timeouts (the attempt timeout each, from the turn) and the wait for a turn by
                // the queue's progress (SetupTurns)
                .timeout(clock.expiry())
                .onErrorResume(failure -> Mono.just(Failures.describe(failure, timeout)))
                .toFuture();
    }

    private static CompletionStage<DeliveryOutcome> done(DeliveryOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    /**
     * Response headers as one value per name: names lower-cased (HTTP names are case-insensitive),
     * repeated headers joined with ", " as HTTP allows.
     */
    private static Map<String, String> flatten(HttpHeaders headers) {
        Map<String, String> flat = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            flat.merge(header.getKey().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + ", " + b);
        }
        return flat;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        // attempts are over when this runs (the consumer loop has stopped): no quiet period to wait out
        pool.disposeLater().block(Duration.ofSeconds(5));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(6));
        resolver.close();
        dnsLookups.shutdownNow();
    }
}
