package io.hookline.deliverer.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.DeliveryProperties;
import io.hookline.kafka.DeliveryUrlPolicy;
import io.hookline.deliverer.delivery.DeliveryOutcome;
import io.hookline.deliverer.request.OutboundRequest;
import io.hookline.testsupport.TestReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many connections opened at once to a real HTTPS receiver on loopback, behind a proxy that makes every
 * connection's set-up take at least half a second: more set-ups than there are turns, so most wait
 * in Hookline's queue for longer than the attempt timeout, and none may be charged for it.
 */
class HttpSenderSetupIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SETUP_DELAY = Duration.ofMillis(500);
    private static final int TURNS = 2;
    private static final int CONNECTIONS = 24;
    private static final HostLookup LOOKUP = host -> switch (host) {
        case "localhost" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        default -> throw new UnknownHostException(host);
    };

    private final TestReceiver receiver = TestReceiver.https();
    private final SlowProxy proxy = new SlowProxy(receiver.port());

    @AfterEach
    void close() throws IOException {
        proxy.close();
        receiver.close();
    }

    @Test
    void shouldNotChargeAnyAttemptForTheTimeItWaitedForAConnectionSetUpTurn() throws Exception {
        // given
        DeliveryProperties properties = new DeliveryProperties(TIMEOUT, receiver.caCertificatePem(),
                null, 64, 64, 640, 0.5, null, 1000, null);
        try (HttpSender sender = new HttpSender(properties, new DeliveryUrlPolicy(false, List.of("127.0.0.0/8")), LOOKUP, TURNS)) {
            // when every attempt needs a connection of its own, all at once
            long start = System.nanoTime();
            List<CompletableFuture<DeliveryOutcome>> attempts = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                attempts.add(sender.send(new OutboundRequest("https://localhost:" + proxy.port() + "/setup/" + i,
                        Map.of("Content-Type", "application/json"), "{}")).toCompletableFuture());
            }
            CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // then the set-ups took turns: when the first was let through, only the first turns' connections existed
            assertThat(proxy.openedBeforeFirstPassed()).isEqualTo(TURNS);
            // and the batch outlasted one timeout (at least 24 / 2 turns of 0.5 s, or a full wait and a set-up)
            assertThat(took).isGreaterThan(TIMEOUT);
            // yet every attempt was answered: none was charged for its wait in the queue
            assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.join())
                    .isInstanceOfSatisfying(DeliveryOutcome.Responded.class, responded -> assertThat(responded.status()).isEqualTo(200)));
            assertThat(receiver.requests()).hasSize(CONNECTIONS);
        }
    }

    /** A TCP proxy that holds every connection for {@link #SETUP_DELAY} before passing bytes on: a slow set-up. */
    private static final class SlowProxy implements AutoCloseable {

        private final ServerSocket server;
        private final ExecutorService pipes = Executors.newCachedThreadPool();
        private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger opened = new AtomicInteger();
        private final AtomicInteger openedBeforeFirstPassed = new AtomicInteger(-1);

        SlowProxy(int target) {
            try {
                server = new ServerSocket();
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            pipes.execute(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        opened.incrementAndGet();
                        delays.schedule(() -> pass(client, target), SETUP_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private void pass(Socket client, int target) {
            openedBeforeFirstPassed.compareAndSet(-1, opened.get());
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                pipes.execute(() -> copy(client, upstream));
                pipes.execute(() -> copy(upstream, client));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }

        private static void copy(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        int port() {
            return server.getLocalPort();
        }

        int openedBeforeFirstPassed() {
            return openedBeforeFirstPassed.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
            delays.shutdownNow();
            pipes.shutdownNow();
        }
    }
}
