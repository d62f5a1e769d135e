package io.hookline.standalone.faults;

import io.hookline.standalone.StandaloneApplication;
import io.hookline.testsupport.JavaProcess;
import io.hookline.testsupport.TestReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two OS processes of each component (the jar's {@code gateway|router|deliverer|executor} commands) against
 * one Kafka cluster, as README "Running on a cluster" runs them by hand, with the test-only relaxations the
 * other ITs use: loopback receivers allowed and their self-signed certificate trusted.
 */
final class Platform implements AutoCloseable {

    enum Role { GATEWAY, ROUTER, DELIVERER, EXECUTOR }

    /** One process of a role; {@code index} from 1. */
    record Instance(Role role, int index, int port, JavaProcess process) {

        String name() {
            return role.name().toLowerCase() + "-" + index;
        }
    }

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Path dir;

    private Platform(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts all eight processes at once and waits until each is healthy.
     *
     * @param routerGuarantee {@code hookline.router.processing-guarantee}
     * @param jvmOptions      the JVM options of every process (small heaps: eight JVMs share the machine)
     */
    static Platform start(String bootstrapServers, Path dir, TestReceiver receiver, String routerGuarantee, List<String> jvmOptions)
            throws Exception {
        Files.createDirectories(dir);
        Platform platform = new Platform(dir);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> common = List.of(
                "--hookline.kafka.bootstrap-servers=" + bootstrapServers,
                "--hookline.secrets.key=" + Base64.getEncoder().encodeToString(key),
                "--spring.main.banner-mode=off",
                // a killed member says no goodbye: let its group notice within seconds, not 45 s
                "--hookline.kafka.properties.session.timeout.ms=6000",
                "--hookline.kafka.properties.heartbeat.interval.ms=1000",
                "--hookline.delivery.allowed-cidrs=127.0.0.0/8",
                "--hookline.delivery.extra-ca-certs=" + receiver.caCertificatePem());
        Iterator<Integer> ports = JavaProcess.freePorts(Role.values().length * 2).iterator();
        int gatewayPort = ports.next();
        for (Role role : Role.values()) {
            for (int i = 1; i <= 2; i++) {
                int port = role == Role.GATEWAY && i == 1 ? gatewayPort : ports.next();
                String name = role.name().toLowerCase() + "-" + i;
                List<String> args = new ArrayList<>();
                args.add(role.name().toLowerCase());
                args.addAll(common);
                args.add("--server.port=" + port);
                args.add("--hookline.data-dir=" + dir.resolve(name));
                args.addAll(roleArguments(role, i, dir.resolve(name), routerGuarantee, gatewayPort));
                JavaProcess process = JavaProcess.of(name, JavaProcess.productClassPath(), jvmOptions,
                        StandaloneApplication.class.getName(), args, dir);
                platform.instances.put(name, new Instance(role, i, port, process));
            }
        }
        try {
            platform.instances.values().forEach(instance -> instance.process().start());
            for (Instance instance : platform.instances.values()) {
                instance.process().awaitHealthy(instance.port(), START_TIMEOUT);
            }
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    private static List<String> roleArguments(Role role, int index, Path data, String routerGuarantee, int firstGatewayPort) {
        return switch (role) {
            case GATEWAY -> List.of(
                    // the first gateway creates the owner, as the README's first terminal does
                    "--hookline.gateway.bootstrap.enabled=" + (index == 1),
                    "--hookline.gateway.bootstrap.owner-key-file=" + data.resolveSibling("owner.key"),
                    "--hookline.gateway.delivery-log.state-dir=" + data.resolve("delivery-log"),
                    "--hookline.gateway.tables.store-dir=" + data.resolve("tables"));
            case ROUTER -> List.of("--hookline.router.state-dir=" + data.resolve("router"),
                    "--hookline.router.processing-guarantee=" + routerGuarantee);
            case DELIVERER -> List.of("--hookline.delivery.max-in-flight-per-endpoint=4");
            case EXECUTOR -> List.of("--hookline.executor.gateway-url=http://127.0.0.1:" + firstGatewayPort,
                    "--hookline.executor.pool-size=2");
        };
    }

    Instance instance(Role role, int index) {
        return instances.get(role.name().toLowerCase() + "-" + index);
    }

    /** kill -9 of one process. */
    void kill(Role role, int index) {
        instance(role, index).process().kill();
    }

    /** Starts again every process that is not running, on its data and port, and waits until each is healthy. */
    void startStopped() {
        List<Instance> stopped = instances.values().stream().filter(i -> !i.process().isAlive()).toList();
        stopped.forEach(i -> i.process().start());
        stopped.forEach(i -> i.process().awaitHealthy(i.port(), START_TIMEOUT));
    }

    List<String> gatewayUrls() {
        return List.of(1, 2).stream().map(i -> "http://127.0.0.1:" + instance(Role.GATEWAY, i).port()).toList();
    }

    String ownerKey() throws Exception {
        return Files.readString(dir.resolve("owner.key")).trim();
    }

    /** The processes that died on their own (none should). */
    List<String> exitedUnexpectedly(List<String> killed) {
        return instances.values().stream().filter(i -> !i.process().isAlive() && !killed.contains(i.name()))
                .map(i -> i.name() + " (" + i.process().log() + ")").toList();
    }

    @Override
    public void close() {
        // all at once: stopping eight JVMs one after another costs a minute on two cores
        List<Thread> stopping = instances.values().stream()
                .map(i -> FaultLoad.started("stop-" + i.name(), i.process()::stop)).toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
