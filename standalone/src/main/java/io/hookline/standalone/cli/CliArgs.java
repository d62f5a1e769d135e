package io.hookline.standalone.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@code --name value} / {@code --name=value} / {@code --flag} options of a CLI command. */
public final class CliArgs {

    private final Map<String, String> values;

    private CliArgs(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses options, refusing any not in {@code known} and any flag not in {@code flags}.
     *
     * @throws CliException with a message for the person at the terminal
     */
    public static CliArgs parse(String[] args, Set<String> known, Set<String> flags) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new CliException("Unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (flags.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new CliException("--" + name + " needs a value");
            }
            if (!known.contains(name) && !flags.contains(name)) {
                throw new CliException("Unknown option --" + name);
            }
            values.put(name, value);
        }
        return new CliArgs(values);
    }

    public String get(String name) {
        return values.get(name);
    }

    public String get(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new CliException("--" + name + " is required");
        }
        return value;
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    /** An RFC 3339 time, e.g. {@code 2026-03-28T10:15:00Z}. */
    public Instant instant(String name, Instant otherwise) {
        String value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CliException("--" + name + " must be an RFC 3339 time such as 2026-03-28T10:15:00Z, not " + value);
        }
    }

    /** The cluster to read: {@code --bootstrap-servers}, else {@code KAFKA_BOOTSTRAP_SERVERS}, else the embedded default's. */
    public String bootstrapServers() {
        String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        return get("bootstrap-servers", env == null || env.isBlank() ? "localhost:9092" : env);
    }
}
