package io.hookline.bench.crash;

import io.hookline.testsupport.JavaProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The standalone jar ({@code hookline up}: embedded broker, gateway, router, deliverer, executor) as a
 * child OS process on a data directory, so that it can be killed with SIGKILL and started again on
 * the same data, as a user's {@code kill -9} and second {@code ./hookline up} would.
 */
final class ChildPlatform {

    private final Path data;
    private final int apiPort;
    private final int kafkaPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JavaProcess process;

    ChildPlatform(Path jar, Path data, List<String> extra) throws IOException {
        this.data = data;
        List<Integer> ports = JavaProcess.freePorts(2);
        this.apiPort = ports.get(0);
        this.kafkaPort = ports.get(1);
        List<String> args = new ArrayList<>(List.of("up",
                "--hookline.data-dir=" + data, "--server.port=" + apiPort, "--hookline.embedded-kafka.port=" + kafkaPort));
        args.addAll(extra);
        this.process = JavaProcess.ofJar(data.getFileName() + "-start", jar, List.of("-Xmx1g"), args, data.getParent());
    }

    /** Starts the process and returns once the gateway answers with the owner's key. */
    void start() throws Exception {
        process.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the platform exited; see " + process.log());
            }
            if (Files.exists(data.resolve("owner.key")) && answers()) {
                return;
            }
            Thread.sleep(250); // a readiness poll of another process, not test synchronization
        }
        throw new IllegalStateException("the platform did not answer within 4 minutes; see " + process.log());
    }

    private boolean answers() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v4/event-types"))
                    .header("Authorization", "Bearer " + key()).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL (Process.destroyForcibly on Linux): no shutdown hook, no commit, the broker dies with it. */
    void kill() {
        process.kill();
    }

    void stop() {
        process.stop();
    }

    String key() throws IOException {
        return Files.readString(data.resolve("owner.key")).trim();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }
}
