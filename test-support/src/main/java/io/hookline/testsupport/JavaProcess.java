package io.hookline.testsupport;

import io.hookline.embedded.EmbeddedKafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Hookline JVM as a child OS process, for the tests and benchmarks that kill one the way an operator's
 * {@code kill -9} or a dying machine does (SIGKILL: no shutdown hook, no commit) and start it again with the
 * same command. Its output goes to a log file per start ({@code <name>-<n>.log}) for the post-mortem.
 */
public final class JavaProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Path logDir;
    private Process process;
    private int starts;

    private JavaProcess(String name, List<String> command, Path logDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logDir = logDir;
    }

    /**
     * A process (not yet started) running {@code mainClass} of {@code classPath} with these JVM options and
     * program arguments.
     */
    public static JavaProcess of(String name, String classPath, List<String> jvmOptions, String mainClass, List<String> args, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return new JavaProcess(name, command, logDir);
    }

    /** A process (not yet started) running an executable jar ({@code java -jar}) with these options and arguments. */
    public static JavaProcess ofJar(String name, Path jar, List<String> jvmOptions, List<String> args, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return new JavaProcess(name, command, logDir);
    }

    /** This JVM's class path without test classes: what the executable jar holds, for {@link #of}. */
    public static String productClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Starts it (again, after {@link #kill} or {@link #stop}) and returns at once. */
    public synchronized JavaProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        starts++;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        return this;
    }

    /** Waits until {@code http://127.0.0.1:port/actuator/health} answers 200; fails early if the process exits. */
    public void awaitHealthy(int port, Duration timeout) {
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log());
            }
            if (answers(health)) {
                return;
            }
            try {
                Thread.sleep(200); // the poll interval of a readiness check on another process, not test synchronization
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout + "; see " + log());
    }

    /** SIGKILL (Process.destroyForcibly on Linux), and waits until it is gone. */
    public synchronized void kill() {
        if (process != null) {
            try {
                process.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM: Spring's graceful shutdown; SIGKILL if it has not exited within a minute. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String name() {
        return name;
    }

    /** The log of the current (or last) start. */
    public Path log() {
        return logDir.resolve(name + "-" + starts + ".log");
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * {@code count} distinct ports free now, for child processes' listeners: asked for together, so that
     * no two of them are the same port (one probe closed before the next is asked for can be handed out again).
     */
    public static List<Integer> freePorts(int count) {
        return EmbeddedKafka.freePorts(count, List.of());
    }

    private static boolean answers(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
