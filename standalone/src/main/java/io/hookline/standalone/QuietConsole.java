package io.hookline.standalone;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * What {@code ./hookline up} prints: a dozen lines (what starts, where, the owner's key once, "Hookline is
 * up") plus every warning and error, while the full log goes to {@code data/logs/hookline.log}, rotated
 * (10 MB a file, 7 days). {@code --verbose} prints everything instead. The broker starts before Spring
 * Boot configures logging, so until then this configures logback itself, with the same two destinations;
 * Spring Boot's own file and console settings take over from there.
 */
final class QuietConsole {

    private QuietConsole() {
    }

    static Path logFile(Path dataDir) {
        return dataDir.resolve("logs").resolve("hookline.log");
    }

    /** Until Spring Boot starts: warnings to the console, everything at INFO to the log file. */
    static void beforeSpring(Path logFile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder fileEncoder = encoder(context, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5level [%thread] %logger{40} : %msg%n");
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setFile(logFile.toString());
        file.setEncoder(fileEncoder);
        file.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setEncoder(encoder(context, "%level %logger{0}: %msg%n"));
        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setLevel("WARN");
        warnings.start();
        console.addFilter(warnings);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        root.addAppender(file);
        root.addAppender(console);
        // the broker's start-up at INFO is the bulk of the 1,400 lines: its warnings are what matter
        context.getLogger("org.apache.kafka").setLevel(ch.qos.logback.classic.Level.WARN);
        context.getLogger("kafka").setLevel(ch.qos.logback.classic.Level.WARN);
        context.getLogger("io.hookline").setLevel(ch.qos.logback.classic.Level.INFO);
    }

    /** Spring Boot's logging settings for the same: lowest precedence, so a user's own settings win. */
    static Map<String, Object> springProperties(Path logFile) {
        return Map.of("logging.threshold.console", "WARN",
                "logging.pattern.console", "%5p %logger{0}: %m%n%wEx",
                "logging.file.name", logFile.toString(),
                "logging.logback.rollingpolicy.max-file-size", "10MB",
                "logging.logback.rollingpolicy.max-history", "7");
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
