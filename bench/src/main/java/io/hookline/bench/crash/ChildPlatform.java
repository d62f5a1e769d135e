package io.hookline.bench.crash;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
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

    private final Path jar;
    private final Path data;
    private final int apiPort;
    private final int kafkaPort;
    private final List<String> extra;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    ChildPlatform(Path jar, Path data, List<String> extra) throws IOException {
        this.jar = jar;
        this.data = data;
        this.extra = extra;
        this.apiPort = freePort();
        this.kafkaPort = freePort();
    }

    /** Starts the process and returns once the gateway answers with the owner's key. */
    void start() throws Exception {
        starts++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-jar", jar.toString(), "up",
                "--hookline.data-dir=" + data, "--server.port=" + apiPort, "--hookline.embedded-kafka.port=" + kafkaPort));
        command.addAll(extra);
        File log = data.resolveSibling(data.getFileName() + "-start-" + starts + ".log").toFile();
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the platform exited with " + process.exitValue() + "; see " + log);
            }
            if (Files.exists(data.resolve("owner.key")) && answers()) {
                return;
            }
            Thread.sleep(250); // a readiness poll of another process, not test synchronization
        }
        throw new IllegalStateException("the platform did not answer within 4 minutes; see " + log);
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
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
