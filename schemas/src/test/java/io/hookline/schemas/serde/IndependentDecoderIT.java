package io.hookline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.AttemptStatusSymbol;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.TriggerSymbol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery-log record as we write it is readable by a decoder that is not ours: the Apache Avro
 * Python library (Debian's python3-avro, installed by ./hookline test) with the .avsc file the build ships, through
 * the script the README shows for reading the topic with kcat.
 */
class IndependentDecoderIT {

    @TempDir
    Path dir;

    @Test
    void shouldDecodeADeliveryAttemptWithTheApacheAvroPythonLibrary() throws Exception {
        DeliveryAttempt attempt = DeliveryAttempt.newBuilder()
                .setAttemptId("att_1").setDeliveryId("dlv_1").setWebhookId("wh_1").setTenantId("default")
                .setEventId("evt_1").setEventType("acronym.created").setAttempt(2).setTrigger(TriggerSymbol.retry).setStatus(AttemptStatusSymbol.failed)
                .setAttemptedAt(Instant.parse("2026-03-28T10:15:00Z")).setDurationMs(1234).setUrl("https://example.com/h")
                .setRequestHeaders(Map.of("webhook-id", "dlv_1")).setRequestBody("{\"event\":\"acronym.created\"}")
                .setResponseCode(503).setResponseHeaders(Map.of("retry-after", "30")).setResponseBody("busy")
                .setError("HTTP 503").build();
        Path record = dir.resolve("record.bin");
        Files.write(record, AvroSerde.of(DeliveryAttempt.class).serialize(attempt));
        Path schema = Path.of("src/main/avro/DeliveryAttempt.avsc");
        Path script = Path.of("../examples/decode_single_object.py");

        String json = run("/usr/bin/python3", script.toString(), schema.toString(), record.toString());

        assertThat(json).contains("\"attemptId\": \"att_1\"", "\"deliveryId\": \"dlv_1\"", "\"attempt\": 2",
                "\"status\": \"failed\"", "\"responseCode\": 503", "\"durationMs\": 1234", "\"retry-after\": \"30\"",
                "\"attemptedAt\": \"2026-03-28 10:15:00+00:00\"", "\"error\": \"HTTP 503\"");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("python3 with python3-avro (apt-get install python3-avro): %s", output).isZero();
        return output;
    }
}
