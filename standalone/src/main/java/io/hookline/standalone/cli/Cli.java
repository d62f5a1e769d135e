package io.hookline.standalone.cli;

/** How CLI commands end: a usage mistake is one line on standard error and exit code 2, never a stack trace. */
final class Cli {

    private Cli() {
    }

    static void run(Runnable command) {
        try {
            command.run();
        } catch (CliException e) {
            System.err.println("hookline: " + e.getMessage());
            System.exit(2);
        } catch (org.apache.kafka.common.KafkaException e) {
            System.err.println("hookline: Kafka is not reachable or refused the request: " + e.getMessage());
            System.exit(1);
        }
    }

    static boolean wantsHelp(String[] args) {
        return java.util.Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    /** Progress on standard error when standard output is not a terminal (a file or a pipe). */
    static DeliveryLogReader.Progress progress() {
        return System.console() == null ? DeliveryLogReader.Progress.onStandardError() : DeliveryLogReader.Progress.none();
    }
}
