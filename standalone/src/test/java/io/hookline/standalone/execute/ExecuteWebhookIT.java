package io.hookline.standalone.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.Dataset;
import io.hookline.schemas.avro.Doc;
import io.hookline.schemas.topics.Topics;
import io.hookline.standalone.HooklineClient;
import io.hookline.standalone.Standalone;
import io.hookline.testsupport.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The seed's execute webhook from the outside: docs over HTTP, real python3 under real bwrap, the
 * embedded broker, the write-back through the executor, and every status code of the endpoint.
 */
class ExecuteWebhookIT {

    @TempDir
    static Path data;
    static Standalone hookline;
    static ApiClient api;
    static String key;

    @BeforeAll
    static void start() throws Exception {
        hookline = Standalone.start(Map.of("hookline.data-dir", data.toString(), "server.port", "0", "hookline.embedded-kafka.port", "0"));
        api = new ApiClient(hookline.baseUrl());
        key = Files.readString(data.resolve("owner.key")).trim();
    }

    @AfterAll
    static void stop() {
        hookline.close();
    }

    @Test
    void shouldRunTheSeedsPipelineDocEndToEnd() {
        // given a doc with two datasets; the first reads the payload and a variable and writes rows back
        String table = "meetings_" + UUID.randomUUID().toString().replace("-", "");
        String ingest = """
                import json, os, urllib.request
                with open(os.environ["WEBHOOK_DATA_FILE"]) as f:
                    payload = json.load(f)
                rows = [{"session": payload["session_id"], "speaker": line["speaker"], "source": os.environ["SOURCE"]}
                        for line in payload["transcript"]]
                request = urllib.request.Request(
                    os.environ["DEFINITE_API_BASE_URL"] + "/v4/tables/%s/rows",
                    data=json.dumps({"rows": rows}).encode(),
                    headers={"Authorization": "Bearer " + os.environ["DEFINITE_API_KEY"], "Content-Type": "application/json"},
                    method="POST")
                print(urllib.request.urlopen(request).status, "token", os.environ["API_TOKEN"])
                """.formatted(table);
        String docId = createDoc("""
                {"name": "Meeting pipeline", "datasets": [
                  {"key": "ingest", "code": %s, "timeoutMs": 20000},
                  {"key": "other", "code": "raise SystemExit('must not run')"}]}
                """.formatted(HooklineClient.JSON.writeValueAsString(ingest)));

        // when it is executed with data, variables and a dataset filter
        HooklineClient.Response response = api.post(key, "/v4/webhook/docs/" + docId + "/execute", """
                {"data": {"session_id": "s-1", "transcript": [{"speaker": "Ada"}, {"speaker": "Grace"}]},
                 "environmentVariables": {"SOURCE": "read.ai", "API_TOKEN": "tok-very-secret"},
                 "datasetKeys": ["ingest"]}
                """);

        // then one successful result, whose execution log is redacted, and the rows are readable by the team
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
        assertThat(response.body().path("success").asBoolean()).isTrue();
        assertThat(response.body().path("data").path("docId").asString()).isEqualTo(docId);
        JsonNode results = response.body().path("data").path("results");
        assertThat(results).hasSize(1);
        JsonNode result = results.get(0);
        assertThat(result.path("datasetKey").asString()).isEqualTo("ingest");
        assertThat(result.path("success").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("error").isNull()).isTrue();
        assertThat(result.path("durationMs").asLong()).isPositive();
        String executionId = result.path("executionId").asString();
        assertThat(UUID.fromString(executionId)).isNotNull();

        HooklineClient.Response execution = api.get(key, "/v4/executions/" + executionId);
        assertThat(execution.status()).isEqualTo(200);
        assertThat(execution.body().path("data").path("status").asString()).isEqualTo("succeeded");
        assertThat(execution.body().path("data").path("exitCode").asInt()).isZero();
        assertThat(execution.body().path("data").path("stdout").asString()).isEqualTo("201 token [REDACTED]\n");
        assertThat(execution.body().path("data").path("docId").asString()).isEqualTo(docId);

        HooklineClient.Response rows = api.get(key, "/v4/tables/" + table + "/rows");
        assertThat(rows.status()).isEqualTo(200);
        assertThat(rows.body().path("data").path("rows").toString())
                .isEqualTo("[{\"session\":\"s-1\",\"speaker\":\"Ada\",\"source\":\"read.ai\"},"
                        + "{\"session\":\"s-1\",\"speaker\":\"Grace\",\"source\":\"read.ai\"}]");
    }

    @Test
    void shouldRunEveryDatasetInDocOrderByDefaultWithTheShippedHelper() {
        String table = "t" + UUID.randomUUID().toString().replace("-", "");
        String docId = createDoc("""
                {"name": "Helper", "datasets": [
                  {"key": "a", "code": "import hookline\\nhookline.write_rows('%s', [{'n': hookline.data()['n']}])"},
                  {"key": "b", "code": "import hookline\\nprint(len(hookline.read_rows('%s')['rows']))"}]}
                """.formatted(table, table));

        HooklineClient.Response response = api.post(key, "/v4/webhook/docs/" + docId + "/execute", "{\"data\": {\"n\": 5}}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode results = response.body().path("data").path("results");
        assertThat(results.findValuesAsString("datasetKey")).containsExactly("a", "b");
        assertThat(results.get(0).path("success").asBoolean()).as(results.toString()).isTrue();
        assertThat(results.get(1).path("success").asBoolean()).as(results.toString()).isTrue();
        assertThat(api.get(key, "/v4/executions/" + results.get(1).path("executionId").asString()).body()
                .path("data").path("stdout").asString()).isEqualTo("1\n");
    }

    @Test
    void shouldLetADatasetQueryItsTeamsTablesWithSql() {
        // given a dataset that writes rows, and one that queries them with the shipped helper
        String table = "q" + UUID.randomUUID().toString().replace("-", "");
        String docId = createDoc("""
                {"name": "Query", "datasets": [
                  {"key": "a", "code": "import hookline\\nhookline.write_rows('%s', [{'n': 1}, {'n': 2}, {'n': 3}])"},
                  {"key": "b", "code": "import hookline\\nr = hookline.query('SELECT sum(n) AS total FROM %s WHERE n > ?', [1])\\nprint(r['columns'][0]['name'], r['rows'][0][0])\\ntry:\\n    hookline.query('SELECT * FROM read_csv(\\\\'/etc/passwd\\\\')')\\nexcept Exception as e:\\n    print(e.code)"}]}
                """.formatted(table, table));

        // when the doc runs
        JsonNode results = api.post(key, "/v4/webhook/docs/" + docId + "/execute", "{}").body().path("data").path("results");

        // then the query saw the team's rows, and reading a file was refused with 422
        assertThat(results.get(1).path("success").asBoolean()).as(results.toString()).isTrue();
        assertThat(stdout(results.get(1))).isEqualTo("total 5\n422\n");
    }

    @Test
    void shouldReportARaisingDatasetWithItsErrorAndTraceback() {
        String docId = createDoc("""
                {"name": "Broken", "datasets": [{"key": "boom", "code": "def f():\\n    raise KeyError('session_id')\\nf()"}]}
                """);

        HooklineClient.Response response = api.post(key, "/v4/webhook/docs/" + docId + "/execute", "{\"data\": {}}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("success").asBoolean()).isTrue();
        JsonNode result = response.body().path("data").path("results").get(0);
        assertThat(result.path("success").asBoolean()).isFalse();
        assertThat(result.path("error").asString()).isEqualTo("KeyError: 'session_id'");
        JsonNode execution = api.get(key, "/v4/executions/" + result.path("executionId").asString()).body().path("data");
        assertThat(execution.path("status").asString()).isEqualTo("failed");
        assertThat(execution.path("stderr").asString()).contains("Traceback (most recent call last)", "line 2, in f", "KeyError");
    }

    @Test
    void shouldRunARetriedRequestWithTheSameIdempotencyKeyOnce() {
        String table = "t" + UUID.randomUUID().toString().replace("-", "");
        String docId = createDoc("""
                {"name": "Once", "datasets": [{"key": "a", "code": "import hookline\\nhookline.write_rows('%s', [{'n': 1}])"}]}
                """.formatted(table));
        String idempotencyKey = UUID.randomUUID().toString();

        HooklineClient.Response first = api.post(key, "/v4/webhook/docs/" + docId + "/execute", "{\"data\": {\"session_id\": \"s\"}}", idempotencyKey);
        HooklineClient.Response retry = api.post(key, "/v4/webhook/docs/" + docId + "/execute", "{\"data\": {\"session_id\": \"s\"}}", idempotencyKey);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(api.get(key, "/v4/tables/" + table + "/rows").body().path("data").path("rows")).hasSize(1);
    }

    @Test
    void shouldCreateReadReplaceAndDeleteADoc() {
        String docId = createDoc("{\"name\": \"v1\", \"datasets\": [{\"key\": \"a\", \"code\": \"print(1)\"}]}");

        JsonNode read = api.get(key, "/v4/docs/" + docId).body().path("data");
        HooklineClient.Response replaced = api.put(key, "/v4/docs/" + docId,
                "{\"name\": \"v2\", \"datasets\": [{\"key\": \"b\", \"code\": \"print(2)\", \"timeoutMs\": 9000}]}");
        HooklineClient.Response deleted = api.delete(key, "/v4/docs/" + docId);

        assertThat(read.path("name").asString()).isEqualTo("v1");
        assertThat(read.path("datasets").get(0).path("timeoutMs").asInt()).isEqualTo(6000);
        assertThat(read.path("archived").asBoolean()).isFalse();
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().path("data").path("datasets").get(0).path("key").asString()).isEqualTo("b");
        assertThat(replaced.body().path("data").path("createdAt").asString()).isEqualTo(read.path("createdAt").asString());
        assertThat(deleted.status()).isEqualTo(200);
        assertFailure(api.get(key, "/v4/docs/" + docId), 404, "not_found");
        assertFailure(api.post(key, "/v4/webhook/docs/" + docId + "/execute", "{}"), 404, "not_found");
    }

    @Test
    void shouldAnswer401WithoutAValidKey() {
        HooklineClient.Response missing = api.post(null, "/v4/webhook/docs/" + UUID.randomUUID() + "/execute", "{}");
        HooklineClient.Response invalid = api.post("usr_1-notavalidkeyatallreally", "/v4/webhook/docs/" + UUID.randomUUID() + "/execute", "{}");

        assertFailure(missing, 401, "unauthorized");
        assertFailure(invalid, 401, "unauthorized");
    }

    @Test
    void shouldAnswer404ForUnknownArchivedAndOtherTeamsDocs() throws Exception {
        String archived = createDoc("{\"name\": \"Old\", \"datasets\": [{\"key\": \"a\", \"code\": \"print(1)\"}]}");
        assertThat(api.post(key, "/v4/docs/" + archived + "/archive", "").status()).isEqualTo(200);
        String foreign = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", hookline.bootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            Doc doc = new Doc(foreign, "another-team", "Theirs", List.of(new Dataset("a", "print(1)", 6000)), false, Instant.now(), Instant.now());
            producer.send(new ProducerRecord<>(Topics.DOCS.name(), foreign, Topics.DOCS.valueSerde().serializer().serialize(Topics.DOCS.name(), doc)))
                    .get();
        }

        assertFailure(api.post(key, "/v4/webhook/docs/" + UUID.randomUUID() + "/execute", "{}"), 404, "not_found");
        assertFailure(api.post(key, "/v4/webhook/docs/" + archived + "/execute", "{}"), 404, "not_found");
        assertFailure(api.post(key, "/v4/webhook/docs/" + foreign + "/execute", "{}"), 404, "not_found");
        assertFailure(api.get(key, "/v4/docs/" + foreign), 404, "not_found");
    }

    @Test
    void shouldAnswer422ForWrongShapesAndUnknownDatasetKeys() {
        String docId = createDoc("{\"name\": \"Shapes\", \"datasets\": [{\"key\": \"a\", \"code\": \"print(1)\"}]}");
        String path = "/v4/webhook/docs/" + docId + "/execute";

        HooklineClient.Response wrongShape = api.post(key, path,
                "{\"data\": [1], \"environmentVariables\": {\"X\": 1, \"DEFINITE_API_KEY\": \"k\"}, \"datasetKeys\": \"a\"}");
        HooklineClient.Response unknownKey = api.post(key, path, "{\"datasetKeys\": [\"a\", \"nope\"]}");

        assertFailure(wrongShape, 422, "validation_failed");
        assertThat(wrongShape.body().path("error").path("details").findValuesAsString("field"))
                .containsExactlyInAnyOrder("data", "environmentVariables.X", "environmentVariables.DEFINITE_API_KEY", "datasetKeys");
        assertFailure(unknownKey, 422, "validation_failed");
        assertThat(unknownKey.body().path("error").path("details").findValuesAsString("field")).containsExactly("datasetKeys[1]");
    }

    @Test
    void shouldAnswer413ForABodyOverTheLimit() {
        byte[] body = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');

        assertFailure(api.post(key, "/v4/webhook/docs/" + UUID.randomUUID() + "/execute", body), 413, "payload_too_large");
    }

    @Test
    void shouldCarryANineMebibytePayloadInTheDataFile() {
        String docId = createDoc("""
                {"name": "Big", "datasets": [{"key": "size", "code": "import json, os\\nprint(len(json.load(open(os.environ['WEBHOOK_DATA_FILE']))['blob']))", "timeoutMs": 20000}]}
                """);
        String blob = "x".repeat(9 * 1024 * 1024);

        HooklineClient.Response response = api.post(key, "/v4/webhook/docs/" + docId + "/execute", "{\"data\": {\"blob\": \"" + blob + "\"}}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode result = response.body().path("data").path("results").get(0);
        assertThat(result.path("success").asBoolean()).as(result.toString()).isTrue();
        assertThat(api.get(key, "/v4/executions/" + result.path("executionId").asString()).body().path("data").path("stdout").asString())
                .isEqualTo(blob.length() + "\n");
    }

    @Test
    void shouldContainAttacksAndKeepServing() {
        String docId = createDoc("""
                {"name": "Attacks", "datasets": [
                  {"key": "fork", "code": "import os, time\\ntry:\\n    while True:\\n        if os.fork() == 0:\\n            time.sleep(60)\\nexcept OSError as e:\\n    print('stopped')"},
                  {"key": "memory", "code": "x = bytearray(4 * 1024 * 1024 * 1024)"},
                  {"key": "sleep", "code": "import time\\ntime.sleep(60)", "timeoutMs": 1000},
                  {"key": "net", "code": "import socket\\nfor a in [('169.254.169.254', 80), ('1.1.1.1', 53)]:\\n    try:\\n        socket.create_connection(a, timeout=2)\\n        print('CONNECTED')\\n    except OSError:\\n        print('blocked')"},
                  {"key": "shadow", "code": "print(open('/etc/shadow').read())"},
                  {"key": "ok", "code": "print('still serving')"}]}
                """);

        HooklineClient.Response response = api.post(key, "/v4/webhook/docs/" + docId + "/execute", "{}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode results = response.body().path("data").path("results");
        assertThat(results.findValuesAsString("datasetKey")).containsExactly("fork", "memory", "sleep", "net", "shadow", "ok");
        assertThat(results.get(1).path("error").asString()).startsWith("MemoryError");
        assertThat(results.get(2).path("error").asString()).startsWith("Timed out after 1000 ms");
        assertThat(stdout(results.get(3))).isEqualTo("blocked\nblocked\n");
        assertThat(results.get(4).path("error").asString()).startsWith("FileNotFoundError");
        assertThat(results.get(5).path("success").asBoolean()).isTrue();
        assertThat(stdout(results.get(5))).isEqualTo("still serving\n");
    }

    @Test
    void shouldRejectTheDatasetKeyOutsideTheWriteBackPaths() {
        String docId = createDoc("""
                {"name": "Escalate", "datasets": [{"key": "a", "code": "import hookline\\ntry:\\n    hookline.api('GET', '/v4/webhooks')\\nexcept Exception as e:\\n    print(e)"}]}
                """);

        JsonNode result = api.post(key, "/v4/webhook/docs/" + docId + "/execute", "{}").body().path("data").path("results").get(0);

        assertThat(stdout(result)).isEqualTo("HTTP Error 401: Unauthorized\n");
    }

    private static String stdout(JsonNode result) {
        return api.get(key, "/v4/executions/" + result.path("executionId").asString()).body().path("data").path("stdout").asString();
    }

    private static String createDoc(String json) {
        HooklineClient.Response created = api.post(key, "/v4/docs", json);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return created.body().path("data").path("id").asString();
    }

    private static void assertFailure(HooklineClient.Response response, int status, String code) {
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(status);
        assertThat(response.body().path("success").asBoolean()).isFalse();
        assertThat(response.body().path("error").path("code").asString()).isEqualTo(code);
        assertThat(response.body().path("error").path("message").asString()).isNotBlank();
    }
}
