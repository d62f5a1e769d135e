package io.hookline.standalone;

import io.hookline.standalone.cli.LogCommand;
import io.hookline.standalone.cli.ReplayCommand;
import io.hookline.standalone.cli.TopicsCommand;
import java.util.Arrays;
import java.util.Map;

/**
 * The {@code hookline} command: {@code up} starts the whole platform in this JVM (the default);
 * {@code gateway}, {@code router} and {@code deliverer} start one component against the cluster in
 * {@code KAFKA_BOOTSTRAP_SERVERS}, as production runs them (see docker-compose.yml).
 */
public final class StandaloneApplication {

    private StandaloneApplication() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 || args[0].startsWith("--") ? "up" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("--") ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "up" -> {
                try {
                    boolean verbose = Arrays.asList(rest).contains("--verbose");
                    String[] options = Arrays.stream(rest).filter(a -> !a.equals("--verbose")).toArray(String[]::new);
                    Standalone standalone = Standalone.start(Map.of(), !verbose, options);
                    Runtime.getRuntime().addShutdownHook(new Thread(standalone::close, "hookline-stop"));
                } catch (RuntimeException e) {
                    System.err.println("Hookline did not start: " + e.getMessage());
                    System.exit(1);
                }
            }
            case "gateway", "router", "deliverer", "executor" -> Roles.run(command, rest);
            case "log" -> LogCommand.main(rest);
            case "audit" -> io.hookline.standalone.cli.AuditCommand.main(rest);
            case "replay" -> ReplayCommand.main(rest);
            case "topics" -> TopicsCommand.main(rest);
            case "dev-cluster" -> io.hookline.standalone.cli.DevClusterCommand.main(rest);
            case "users" -> io.hookline.standalone.cli.UsersCommand.main(rest);
            case "teams" -> io.hookline.standalone.cli.TeamsCommand.main(rest);
            case "help", "-h", "--help" -> System.out.println(usage());
            default -> {
                System.err.println("Unknown command: " + command + "\n" + usage());
                System.exit(2);
            }
        }
    }

    private static String usage() {
        return """
                Usage: hookline <command> [--property=value …]
                  up          start gateway, router, deliverer and executor, with an embedded Kafka broker
                              unless KAFKA_BOOTSTRAP_SERVERS is set (data under ./data); prints warnings and a
                              few lines, the full log is in data/logs/hookline.log (--verbose prints it all)
                  gateway     run only the HTTP gateway against KAFKA_BOOTSTRAP_SERVERS
                  router      run only the router (Kafka Streams) against KAFKA_BOOTSTRAP_SERVERS
                  deliverer   run only the deliverer against KAFKA_BOOTSTRAP_SERVERS
                  executor    run only the executor (sandboxed Python datasets) against KAFKA_BOOTSTRAP_SERVERS
                  log         print the delivery attempts of a time window (hookline log --help)
                  audit       print who changed what, from the audit log (hookline audit --help)
                  replay      re-deliver the deliveries of a time window (hookline replay --help)
                  topics      list the topics, change a topic's retention (hookline topics --help)
                  dev-cluster start a local multi-broker Kafka cluster to run the components against (--help)
                  test        (the script, not this jar) install what the tests need, then mvn -B verify
                """;
    }
}
