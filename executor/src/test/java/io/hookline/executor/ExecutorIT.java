package io.hookline.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.Dataset;
import io.hookline.schemas.avro.DatasetResult;
import io.hookline.schemas.avro.ExecuteRequest;
import io.hookline.schemas.avro.ExecuteResult;
import io.hookline.schemas.avro.Execution;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.SharedKafka;
import io.hookline.testsupport.TestKafka;
import io.hookline.testsupport.TestReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The executor application against a real broker: requests in, executions and replies out. */
class ExecutorIT {

    private static final String KEY = SecretCipher.generateKey();
    private static final SecretCipher CIPHER = SecretCipher.fromBase64Key(KEY);
    private static ConfigurableApplicationContext executor;
    private static TestReceiver gateway;

    @BeforeAll
    static void startExecutor() {
        gateway = TestReceiver.http();
        executor = new SpringApplicationBuilder(ExecutorApplication.class).web(WebApplicationType.NONE).run(
                "--hookline.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--hookline.secrets.key=" + KEY,
                "--hookline.executor.gateway-url=http://127.0.0.1:" + gateway.port());
    }

    @AfterAll
    static void stopExecutor() {
        executor.close();
        gateway.close();
    }

    @Test
    void shouldRunDatasetsInOrderAndReplyWithOneResultEach() {
        ExecuteRequest request = request(List.of(
                new Dataset("first", "import os, json\nprint(json.load(open(os.environ['WEBHOOK_DATA_FILE']))['n'], os.environ['TOKEN'])", 6000),
                new Dataset("second", "raise RuntimeError('bad ' + __import__('os').environ['TOKEN'])", 6000)),
                Map.of("TOKEN", "sup3r-secret-value"));

        publish(request);

        ExecuteResult result = awaitResult(request.getCorrelationId());
        assertThat(result.getResults()).extracting(DatasetResult::getDatasetKey).containsExactly("first", "second");
        assertThat(result.getResults()).extracting(DatasetResult::getSuccess).containsExactly(true, false);
        assertThat(result.getResults().get(0).getError()).isNull();
        assertThat(result.getResults().get(1).getError()).isEqualTo("RuntimeError: bad [REDACTED]");
        Execution first = awaitExecution(result.getResults().get(0).getExecutionId());
        assertThat(first.getStatus().name()).isEqualTo("succeeded");
        assertThat(first.getStdout()).isEqualTo("42 [REDACTED]\n");
        assertThat(first.getExitCode()).isZero();
        Execution second = awaitExecution(result.getResults().get(1).getExecutionId());
        assertThat(second.getStatus().name()).isEqualTo("failed");
        assertThat(second.getStderr()).contains("Traceback", "RuntimeError: bad [REDACTED]").doesNotContain("sup3r-secret-value");
        assertThat(second.getDatasetKey()).isEqualTo("second");
        assertThat(second.getTeamId()).isEqualTo(request.getTeamId());
    }

    @Test
    void shouldRecordATimeoutAndKeepServing() {
        ExecuteRequest slow = request(List.of(new Dataset("slow", "import time\ntime.sleep(30)", 500)), Map.of());
        ExecuteRequest next = request(List.of(new Dataset("quick", "print('ok')", 6000)), Map.of());

        publish(slow);
        publish(next);

        DatasetResult timedOut = awaitResult(slow.getCorrelationId()).getResults().get(0);
        assertThat(timedOut.getSuccess()).isFalse();
        assertThat(timedOut.getError()).startsWith("Timed out after 500 ms");
        assertThat(awaitExecution(timedOut.getExecutionId()).getStatus().name()).isEqualTo("timed_out");
        assertThat(awaitResult(next.getCorrelationId()).getResults().get(0).getSuccess()).isTrue();
    }

    @Test
    void shouldNotReachTheBroker() {
        String broker = SharedKafka.bootstrapServers();
        String host = broker.substring(0, broker.lastIndexOf(':'));
        String port = broker.substring(broker.lastIndexOf(':') + 1);
        ExecuteRequest request = request(List.of(new Dataset("probe", """
                import socket
                try:
                    socket.create_connection(("%s", %s), timeout=2).close()
                    print("CONNECTED")
                except OSError as e:
                    print("blocked")
                """.formatted(host, port), 6000)), Map.of());

        publish(request);

        Execution execution = awaitExecution(awaitResult(request.getCorrelationId()).getResults().get(0).getExecutionId());
        assertThat(execution.getStdout()).isEqualTo("blocked\n");
    }

    private static ExecuteRequest request(List<Dataset> datasets, Map<String, String> env) {
        Map<String, String> sealed = new java.util.HashMap<>();
        env.forEach((k, v) -> sealed.put(k, CIPHER.encrypt(v)));
        Instant now = Instant.now();
        return new ExecuteRequest(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "team-" + UUID.randomUUID(), datasets,
                "{\"n\": 42}", sealed, now, now.plusSeconds(60));
    }

    private static void publish(ExecuteRequest request) {
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.EXECUTE_REQUESTS.name(), request.getDocId(),
                    Topics.EXECUTE_REQUESTS.valueSerde().serializer().serialize(Topics.EXECUTE_REQUESTS.name(), request)));
        }
    }

    private static ExecuteResult awaitResult(String correlationId) {
        return TestKafka.consumeUntil(Topics.EXECUTE_RESULTS, "it-" + UUID.randomUUID(),
                        records -> records.stream().anyMatch(r -> correlationId.equals(r.key())), Duration.ofSeconds(60))
                .stream().filter(r -> correlationId.equals(r.key())).map(ConsumerRecord::value).findFirst().orElseThrow();
    }

    private static Execution awaitExecution(String executionId) {
        return TestKafka.consumeUntil(Topics.EXECUTION_LOG, "it-" + UUID.randomUUID(),
                        records -> records.stream().anyMatch(r -> executionId.equals(r.key())), Duration.ofSeconds(30))
                .stream().filter(r -> executionId.equals(r.key())).map(ConsumerRecord::value).filter(Objects::nonNull).findFirst()
                .orElseThrow();
    }
}
