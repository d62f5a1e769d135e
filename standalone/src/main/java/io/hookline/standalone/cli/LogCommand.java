package io.hookline.standalone.cli;

import io.hookline.schemas.avro.DeliveryAttempt;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code hookline log}: prints the delivery attempts of a time window, one per line, as JSON lines
 * or CSV, or writes them as a Parquet or Avro file ({@link LogFiles}), reading
 * {@code hookline.delivery-log} directly from any cluster.
 */
public final class LogCommand {

    static final String USAGE = """
            Usage: hookline log --from <time> [--to <time>] [--webhook wh_…] [--status succeeded|failed|retrying|skipped]
                                [--event <type>] [--format jsonl|csv|parquet|avro] [--output <file>]
                                [--bootstrap-servers host:port]
              Prints every delivery attempt in [from, to) (RFC 3339 times; --to defaults to now), one per line.
              parquet and avro write a file (--output is required): Parquet with typed columns (DuckDB, pandas,
              Spark), or an Avro object container file with the shipped DeliveryAttempt schema.
              Progress goes to standard error when standard output is not a terminal.""";

    static final Set<String> FORMATS = Set.of("jsonl", "csv", "parquet", "avro");

    static final List<String> CSV_COLUMNS = List.of("attemptedAt", "attemptId", "deliveryId", "webhookId", "tenantId",
            "eventId", "eventType", "attempt", "trigger", "status", "responseCode", "durationMs", "url", "error", "nextAttemptAt");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Clock clock;
    private final PrintStream out;

    public LogCommand(Clock clock, PrintStream out) {
        this.clock = clock;
        this.out = out;
    }

    public static void main(String[] args) {
        Cli.run(() -> new LogCommand(Clock.systemUTC(), System.out).run(args));
    }

    /** @return the number of attempts printed */
    public long run(String[] args) {
        if (Cli.wantsHelp(args)) {
            out.println(USAGE);
            return 0;
        }
        CliArgs options = CliArgs.parse(args, Stream.concat(AttemptFilter.OPTIONS.stream(), Stream.of("format", "output"))
                .collect(Collectors.toSet()), Set.of());
        AttemptFilter filter = AttemptFilter.from(options, clock.instant());
        String format = options.get("format", "jsonl");
        if (!FORMATS.contains(format)) {
            throw new CliException("--format must be jsonl, csv, parquet or avro");
        }
        String output = options.get("output", null);
        if (output == null && (format.equals("parquet") || format.equals("avro"))) {
            throw new CliException("--format " + format + " writes a file: give it with --output <file>");
        }
        long[] written = {0};
        try (LogFiles.Writer writer = writer(format, output == null ? null : Path.of(output))) {
            new DeliveryLogReader(options.bootstrapServers()).read(filter.from(), filter.to(), attempt -> {
                if (filter.matches(attempt)) {
                    writer.write(attempt);
                    written[0]++;
                }
            }, Cli.progress());
        }
        return written[0];
    }

    private LogFiles.Writer writer(String format, Path output) {
        if (format.equals("parquet")) {
            return LogFiles.parquet(output);
        }
        if (format.equals("avro")) {
            return LogFiles.avro(output);
        }
        PrintStream lines = output == null ? out : printStream(output);
        boolean csv = format.equals("csv");
        if (csv) {
            lines.println(String.join(",", CSV_COLUMNS));
        }
        return new LogFiles.Writer() {
            @Override
            public void write(DeliveryAttempt attempt) {
                lines.println(csv ? csv(attempt) : json(attempt));
            }

            @Override
            public void close() {
                lines.flush();
                if (lines != out) {
                    lines.close();
                }
            }
        };
    }

    private static PrintStream printStream(Path output) {
        try {
            return new PrintStream(Files.newOutputStream(output), false, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot write " + output + ": " + e.getMessage());
        }
    }

    static String json(DeliveryAttempt a) {
        ObjectNode node = JSON.createObjectNode();
        node.put("attemptedAt", a.getAttemptedAt().toString());
        node.put("attemptId", a.getAttemptId());
        node.put("deliveryId", a.getDeliveryId());
        node.put("webhookId", a.getWebhookId());
        node.put("tenantId", a.getTenantId());
        node.put("eventId", a.getEventId());
        node.put("eventType", a.getEventType());
        node.put("attempt", a.getAttempt());
        node.put("trigger", a.getTrigger().name());
        node.put("status", a.getStatus().name());
        node.put("responseCode", a.getResponseCode());
        node.put("durationMs", a.getDurationMs());
        node.put("url", a.getUrl());
        node.put("error", a.getError());
        node.put("nextAttemptAt", a.getNextAttemptAt() == null ? null : a.getNextAttemptAt().toString());
        ObjectNode headers = node.putObject("requestHeaders");
        new java.util.TreeMap<>(a.getRequestHeaders()).forEach(headers::put);
        node.put("requestBody", a.getRequestBody());
        ObjectNode responseHeaders = node.putObject("responseHeaders");
        new java.util.TreeMap<>(a.getResponseHeaders()).forEach(responseHeaders::put);
        node.put("responseBody", a.getResponseBody());
        return JSON.writeValueAsString(node);
    }

    static String csv(DeliveryAttempt a) {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("attemptedAt", a.getAttemptedAt());
        values.put("attemptId", a.getAttemptId());
        values.put("deliveryId", a.getDeliveryId());
        values.put("webhookId", a.getWebhookId());
        values.put("tenantId", a.getTenantId());
        values.put("eventId", a.getEventId());
        values.put("eventType", a.getEventType());
        values.put("attempt", a.getAttempt());
        values.put("trigger", a.getTrigger());
        values.put("status", a.getStatus());
        values.put("responseCode", a.getResponseCode());
        values.put("durationMs", a.getDurationMs());
        values.put("url", a.getUrl());
        values.put("error", a.getError());
        values.put("nextAttemptAt", a.getNextAttemptAt());
        return CSV_COLUMNS.stream().map(c -> csvField(values.get(c))).collect(Collectors.joining(","));
    }

    /** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
    static String csvField(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
