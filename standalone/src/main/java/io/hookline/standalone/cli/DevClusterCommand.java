package io.hookline.standalone.cli;

import io.hookline.embedded.EmbeddedKafka;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code hookline dev-cluster}: a real multi-broker KRaft cluster in this JVM (every node both broker and
 * controller), to run Hookline's components against as separate processes, two of each, and kill them
 * or a broker at will, as production runs them. Not for production: one JVM holds every broker.
 */
public final class DevClusterCommand {

    static final String USAGE = """
            Usage: hookline dev-cluster [--brokers 3] [--port 9092] [--data-dir data]
              starts that many brokers on localhost:<port>, <port+1>, … with data under <data-dir>/cluster/,
              prints the bootstrap servers and runs until Ctrl-C. Topics the components create there get
              3 replicas and min.insync.replicas=2 (on 3 or more brokers).""";

    private final PrintStream out;

    DevClusterCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Cli.run(() -> new DevClusterCommand(System.out).run(args));
    }

    void run(String[] args) {
        if (Cli.wantsHelp(args)) {
            out.println(USAGE);
            return;
        }
        CliArgs options = CliArgs.parse(args, Set.of("brokers", "port", "data-dir"), Set.of());
        // the controllers try each other until all have started: expected, not worth a warning each
        setLevel("org.apache.kafka.clients.NetworkClient", ch.qos.logback.classic.Level.ERROR);
        int brokers = number(options, "brokers", 3, 1, 9);
        int port = number(options, "port", 9092, 1, 65_535 - brokers);
        Path dir = Path.of(options.get("data-dir", "data")).resolve("cluster");
        EmbeddedKafka cluster = start(dir, port, brokers);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // every node stops at once, so each loses its peers mid-way: what they say about it is noise
            setLevel("org.apache.kafka", ch.qos.logback.classic.Level.OFF);
            setLevel("kafka", ch.qos.logback.classic.Level.OFF);
            out.println("Stopping the cluster…");
            cluster.close();
            out.println("Cluster stopped; its data stays in " + dir);
            stopped.countDown();
        }, "hookline-dev-cluster-stop"));
        out.println("Kafka cluster of " + brokers + " broker" + (brokers == 1 ? "" : "s") + " is up, data in " + dir);
        out.println("KAFKA_BOOTSTRAP_SERVERS=" + cluster.bootstrapServers());
        out.println("Ctrl-C stops it.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static EmbeddedKafka start(Path dir, int port, int brokers) {
        try {
            return EmbeddedKafka.startCluster(dir, port, brokers);
        } catch (IllegalStateException e) {
            throw new CliException(e.getMessage());
        }
    }

    private static void setLevel(String logger, ch.qos.logback.classic.Level level) {
        if (org.slf4j.LoggerFactory.getLogger(logger) instanceof ch.qos.logback.classic.Logger configurable) {
            configurable.setLevel(level);
        }
    }

    private static int number(CliArgs options, String name, int otherwise, int min, int max) {
        String value = options.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new CliException("--" + name + " must be a whole number from " + min + " to " + max + ", not " + value);
    }
}
