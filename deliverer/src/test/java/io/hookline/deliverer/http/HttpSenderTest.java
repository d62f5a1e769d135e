package io.hookline.deliverer.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.DeliveryProperties;
import io.hookline.kafka.DeliveryUrlPolicy;
import io.hookline.deliverer.delivery.DeliveryOutcome;
import io.hookline.deliverer.request.OutboundRequest;
import io.hookline.deliverer.tracing.AttemptSpan;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real Reactor Netty client against loopback sockets; names come from a fake lookup, never DNS. */
class HttpSenderTest {

    private final AtomicInteger accepted = new AtomicInteger();
    private final List<AutoCloseable> resources = new ArrayList<>();

    private final HostLookup lookup = host -> switch (host) {
        case "internal.example" -> new InetAddress[] {InetAddress.getByName("10.1.2.3")};
        case "loopback.example" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        default -> throw new UnknownHostException(host);
    };

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private HttpSender sender(boolean allowInsecureHttp, List<String> allowedCidrs, Duration timeout) {
        HttpSender sender = new HttpSender(new DeliveryProperties(timeout, null,
                null, 8, 2, 100, 0.5, null, 1000, null), new DeliveryUrlPolicy(allowInsecureHttp, allowedCidrs), lookup);
        resources.add(sender);
        return sender;
    }

    private static DeliveryOutcome send(HttpSender sender, String url) throws Exception {
        return sender.send(new OutboundRequest(url, Map.of("Content-Type", "application/json"), "{}"))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldRefuseHttpUnlessInsecureHttpIsAllowed() throws Exception {
        // when
        DeliveryOutcome outcome = send(sender(false, List.of(), Duration.ofSeconds(5)), "http://example.com/hook");

        // then
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Refused.class,
                refused -> assertThat(refused.reason()).startsWith("https required"));
    }

    @Test
    void shouldRefuseALoopbackAddressLiteralByDefaultWithoutConnecting() throws Exception {
        // given
        ServerSocket server = acceptingServer(false);

        // when
        DeliveryOutcome outcome = send(sender(false, List.of(), Duration.ofSeconds(5)),
                "https://127.0.0.1:" + server.getLocalPort() + "/hook");

        // then
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Refused.class, refused -> assertThat(refused.reason())
                .startsWith("address 127.0.0.1 is in the non-public range 127.0.0.0/8"));
        assertThat(accepted).hasValue(0);
    }

    @Test
    void shouldRefuseANameThatResolvesToANonPublicAddress() throws Exception {
        // when
        DeliveryOutcome outcome = send(sender(false, List.of(), Duration.ofSeconds(5)), "https://internal.example/hook");

        // then
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Refused.class, refused -> assertThat(refused.reason())
                .startsWith("address 10.1.2.3 is in the non-public range 10.0.0.0/8").contains("internal.example"));
    }

    @Test
    void shouldConnectToTheAddressTheResolverChecked() throws Exception {
        // given
        ServerSocket server = acceptingServer(true);

        // when
        DeliveryOutcome outcome = send(sender(true, List.of("127.0.0.0/8"), Duration.ofSeconds(5)),
                "http://loopback.example:" + server.getLocalPort() + "/hook");

        // then
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Responded.class, responded -> {
            assertThat(responded.status()).isEqualTo(200);
            assertThat(responded.body()).isEqualTo("ok");
        });
        assertThat(accepted).hasValue(1);
    }

    @Test
    void shouldReportAnUnknownName() throws Exception {
        // when
        DeliveryOutcome outcome = send(sender(false, List.of(), Duration.ofSeconds(5)), "https://nowhere.example/hook");

        // then
        assertThat(outcome).isEqualTo(new DeliveryOutcome.Unreachable("DNS name not found: nowhere.example"));
    }

    @Test
    void shouldReportARefusedConnection() throws Exception {
        // given a port nobody listens on
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        // when
        DeliveryOutcome outcome = send(sender(false, List.of("127.0.0.0/8"), Duration.ofSeconds(5)),
                "https://127.0.0.1:" + port + "/hook");

        // then
        assertThat(outcome).isEqualTo(new DeliveryOutcome.Unreachable("connection refused"));
    }

    @Test
    void shouldReportATlsFailureWhenTheServerDoesNotSpeakTls() throws Exception {
        // given
        ServerSocket server = acceptingServer(true);

        // when
        DeliveryOutcome outcome = send(sender(false, List.of("127.0.0.0/8"), Duration.ofSeconds(5)),
                "https://127.0.0.1:" + server.getLocalPort() + "/hook");

        // then
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Unreachable.class,
                unreachable -> assertThat(unreachable.error()).startsWith("TLS handshake failed: "));
    }

    @Test
    void shouldTimeOutWhenTheEndpointNeverAnswers() throws Exception {
        // given
        ServerSocket server = acceptingServer(false);

        // when
        DeliveryOutcome outcome = send(sender(true, List.of("127.0.0.0/8"), Duration.ofMillis(500)),
                "http://127.0.0.1:" + server.getLocalPort() + "/hook");

        // then
        assertThat(outcome).isEqualTo(new DeliveryOutcome.TimedOut(Duration.ofMillis(500)));
    }

    @Test
    void shouldEndATracedRequestsSpanWithTheResponseOrTheFailure() throws Exception {
        // given an answering server and a refused URL
        ServerSocket server = acceptingServer(true);
        HttpSender sender = sender(true, List.of("127.0.0.0/8"), Duration.ofSeconds(5));
        List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        AttemptSpan span = (code, failure) -> ended.add(code + " " + failure);

        // when a traced request is answered, and another is refused before it is sent
        sender.send(new OutboundRequest("http://127.0.0.1:" + server.getLocalPort() + "/hook", Map.of(), "{}", span))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        sender.send(new OutboundRequest("ftp://127.0.0.1/hook", Map.of(), "{}", span)).toCompletableFuture().get(30, TimeUnit.SECONDS);

        // then each ended its span once, before its outcome was handed on
        assertThat(ended).containsExactly("200 null", "0 https required: unsupported URL scheme 'ftp'");
    }

    /** A loopback server that accepts connections and either answers every one with 200 "ok" or never answers. */
    private ServerSocket acceptingServer(boolean answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        resources.add(server);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    resources.add(socket);
                    accepted.incrementAndGet();
                    if (answer) {
                        socket.getInputStream().read(new byte[8192]);
                        OutputStream out = socket.getOutputStream();
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }
}
