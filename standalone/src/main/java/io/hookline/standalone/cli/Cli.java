package io.hookline.standalone.cli;

/** How CLI commands end: a usage mistake is one line on standard error and exit code 2, never a stack trace. */
final class Cli {

    private Cli() {
    }

    static void run(Runnable command) {
        quietLogging();
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

    /**
     * A command's standard output is its result (JSON lines, CSV, a key): client libraries may only
     * warn, and only on standard error.
     */
    static void quietLogging() {
        if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
            return;
        }
        context.reset();
        ch.qos.logback.classic.encoder.PatternLayoutEncoder encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{0}: %msg%n");
        encoder.start();
        ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> stderr = new ch.qos.logback.core.ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.WARN);
        root.addAppender(stderr);
    }

    static boolean wantsHelp(String[] args) {
        return java.util.Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    /** Progress on standard error when standard output is not a terminal (a file or a pipe). */
    static DeliveryLogReader.Progress progress() {
        return System.console() == null ? DeliveryLogReader.Progress.onStandardError() : DeliveryLogReader.Progress.none();
    }
}
