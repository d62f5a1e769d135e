package io.hookline.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.schemas.avro.AttemptStatusSymbol;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.TriggerSymbol;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.SharedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code hookline log} against a real broker, its output checked line by line. */
class LogCommandIT {

    /**
     * Yesterday, on the hour: within the delivery log's 30 days of retention, so the broker's retention
     * check (every 5 minutes) never deletes the test's records between their write and the read.
     */
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
    static final String WEBHOOK = "wh_log_" + UUID.randomUUID().toString().replace("-", "");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path files;

    @BeforeAll
    static void writeAttempts() throws Exception {
        // one attempt a minute from 10:00 to 10:09, every third one failed; one for another webhook
        try (KafkaProducer<String, DeliveryAttempt> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedKafka.bootstrapServers()), new StringSerializer(),
                Topics.DELIVERY_LOG.valueSerde().serializer())) {
            for (int i = 0; i < 10; i++) {
                DeliveryAttempt a = attempt(WEBHOOK, "dlv_" + i, T0.plusSeconds(60L * i), i % 3 == 0 ? "failed" : "succeeded",
                        i % 2 == 0 ? "acronym.created" : "user.created");
                producer.send(new ProducerRecord<>(Topics.DELIVERY_LOG.name(), null, a.getAttemptedAt().toEpochMilli() + 50,
                        WEBHOOK, a)).get();
            }
            DeliveryAttempt other = attempt("wh_other_" + UUID.randomUUID(), "dlv_x", T0.plusSeconds(30), "succeeded", "acronym.created");
            producer.send(new ProducerRecord<>(Topics.DELIVERY_LOG.name(), null, other.getAttemptedAt().toEpochMilli(),
                    other.getWebhookId(), other)).get();
        }
    }

    @Test
    void shouldPrintTheWindowsAttemptsOfAWebhookAsJsonLines() {
        List<String> lines = run("--from", at(2), "--to", at(7), "--webhook", WEBHOOK);

        assertThat(lines).hasSize(5);
        assertThat(lines.stream().map(l -> json(l).path("deliveryId").asString()))
                .containsExactly("dlv_2", "dlv_3", "dlv_4", "dlv_5", "dlv_6");
        JsonNode first = json(lines.get(0));
        assertThat(first.path("attemptedAt").asString()).isEqualTo(at(2));
        assertThat(first.path("webhookId").asString()).isEqualTo(WEBHOOK);
        assertThat(first.path("status").asString()).isEqualTo("succeeded");
        assertThat(first.path("responseCode").asInt()).isEqualTo(200);
        assertThat(first.path("requestHeaders").path("webhook-id").asString()).isEqualTo("dlv_2");
    }

    @Test
    void shouldFilterByStatusAndEvent() {
        List<String> lines = run("--from", at(0), "--to", at(60), "--webhook", WEBHOOK,
                "--status", "failed", "--event", "acronym.created");

        assertThat(lines.stream().map(l -> json(l).path("deliveryId").asString())).containsExactly("dlv_0", "dlv_6");
    }

    @Test
    void shouldPrintCsvWithAHeaderAndQuotedFields() {
        List<String> lines = run("--from", at(3), "--to", at(4), "--webhook", WEBHOOK,
                "--format", "csv");

        assertThat(lines).containsExactly(String.join(",", LogCommand.CSV_COLUMNS),
                "%s,att_3,dlv_3,%s,default,evt_3,user.created,1,scheduled,failed,500,12,https://example.com/hook,\"HTTP 500, \"\"boom\"\"\",".formatted(at(3), WEBHOOK));
    }

    @Test
    void shouldWriteParquetThatDuckDbReadsBackFieldForFieldAsTheJsonLines() throws Exception {
        // given the window as JSON lines
        String[] window = {"--from", at(0), "--to", at(60), "--webhook", WEBHOOK};
        List<JsonNode> expected = run(window).stream().map(LogCommandIT::json).toList();
        // when it is written as Parquet
        Path file = files.resolve("log.parquet");
        run(concat(window, "--format", "parquet", "--output", file.toString()));
        // then DuckDB's own reader finds every attempt, with typed columns and every field as in the JSON lines
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
            Map<String, String> types = new java.util.HashMap<>();
            try (ResultSet columns = sql.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
                while (columns.next()) {
                    types.put(columns.getString("column_name"), columns.getString("column_type"));
                }
            }
            assertThat(types).containsEntry("attemptedAt", "TIMESTAMP WITH TIME ZONE").containsEntry("attempt", "INTEGER")
                    .containsEntry("durationMs", "BIGINT").containsEntry("requestHeaders", "MAP(VARCHAR, VARCHAR)");
            List<JsonNode> read = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT to_json(p)::VARCHAR AS row, epoch_ms(attemptedAt) AS at, epoch_ms(nextAttemptAt) AS next "
                    + "FROM read_parquet('" + file + "') p ORDER BY attemptedAt")) {
                while (rows.next()) {
                    ObjectNode row = (ObjectNode) JSON.readTree(rows.getString("row"));
                    // timestamps compared as instants: to_json writes them in DuckDB's own notation
                    row.put("attemptedAt", Instant.ofEpochMilli(rows.getLong("at")).toString());
                    long next = rows.getLong("next");
                    row.put("nextAttemptAt", rows.wasNull() ? null : Instant.ofEpochMilli(next).toString());
                    read.add(row);
                }
            }
            assertThat(read).hasSize(10).isEqualTo(expected);
        }
    }

    @Test
    void shouldWriteAnAvroContainerFileWithTheShippedSchema() throws Exception {
        String[] window = {"--from", at(0), "--to", at(60), "--webhook", WEBHOOK};
        List<String> expected = run(window);
        Path file = files.resolve("log.avro");
        run(concat(window, "--format", "avro", "--output", file.toString()));
        List<String> read = new ArrayList<>();
        try (DataFileReader<DeliveryAttempt> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(DeliveryAttempt.class))) {
            assertThat(reader.getSchema()).isEqualTo(DeliveryAttempt.getClassSchema());
            reader.forEach(attempt -> read.add(LogCommand.json(attempt)));
        }
        assertThat(read).hasSize(10).isEqualTo(expected);
    }

    @Test
    void shouldWriteAnEmptyWindowAsAnEmptyParquetFile() throws Exception {
        Path file = files.resolve("empty.parquet");
        run("--from", "2020-01-01T00:00:00Z", "--to", "2020-01-02T00:00:00Z", "--format", "parquet", "--output", file.toString());
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement();
                ResultSet count = sql.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
            assertThat(count.next()).isTrue();
            assertThat(count.getLong(1)).isZero();
        }
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(more)).toArray(String[]::new);
    }

    @Test
    void shouldRefuseAWindowWithoutAStart() {
        assertThatThrownBy(() -> run("--webhook", WEBHOOK)).isInstanceOf(CliException.class).hasMessageContaining("--from is required");
        assertThatThrownBy(() -> run("--from", "yesterday")).hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> run("--from", at(0), "--format", "xml")).hasMessageContaining("jsonl, csv, parquet or avro");
        assertThatThrownBy(() -> run("--from", at(0), "--format", "parquet")).hasMessageContaining("--output");
    }

    static List<String> run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = SharedKafka.bootstrapServers();
        new LogCommand(Clock.fixed(T0.plus(Duration.ofHours(14)), ZoneOffset.UTC),
                new PrintStream(out, true, StandardCharsets.UTF_8)).run(all);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The time {@code minutes} after T0, as the command takes it. */
    static String at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes)).toString();
    }

    static JsonNode json(String line) {
        return JSON.readTree(line);
    }

    static DeliveryAttempt attempt(String webhookId, String deliveryId, Instant at, String status, String eventType) {
        boolean failed = status.equals("failed");
        String n = deliveryId.substring(4);
        return DeliveryAttempt.newBuilder()
                .setAttemptId("att_" + n).setDeliveryId(deliveryId).setWebhookId(webhookId).setTenantId("default")
                .setEventId("evt_" + n).setEventType(eventType).setAttempt(1).setTrigger(TriggerSymbol.scheduled).setStatus(AttemptStatusSymbol.valueOf(status))
                .setAttemptedAt(at).setDurationMs(12).setUrl("https://example.com/hook")
                .setRequestHeaders(Map.of("webhook-id", deliveryId))
                .setRequestBody("{\"event\":\"" + eventType + "\",\"timestamp\":\"2026-03-28T09:00:00Z\",\"webhook_id\":\""
                        + webhookId + "\",\"delivery_id\":\"" + deliveryId + "\",\"tenant_id\":\"default\",\"data\":{\"n\":1.50}}")
                .setResponseCode(failed ? 500 : 200).setResponseHeaders(Map.of()).setResponseBody(failed ? "boom" : "ok")
                .setError(failed ? "HTTP 500, \"boom\"" : null)
                .build();
    }
}
