package io.hookline.bench.deliverylog;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.states.AttemptStatus;
import io.hookline.schemas.states.Trigger;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import io.hookline.standalone.Standalone;
import io.hookline.testsupport.TestReceiver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "A list of 10,000 deliveries for one webhook pages through in under 50 ms per page" (issue 4):
 * writes the attempts of that many deliveries of one webhook to {@code hookline.delivery-log}, waits
 * until the gateway's index has the last one, then pages through {@code GET /v4/webhooks/{id}/deliveries}
 * with the default limit, sequentially over HTTP, and prints p50/p99/max per page next to a baseline
 * measured in the same run: a bare {@code GET /actuator/health} round trip. Usage (after
 * {@code mvn -q install -DskipTests}): {@code java -cp … io.hookline.bench.deliverylog.DeliveryLogBench [deliveries] [passes]}.
 */
public final class DeliveryLogBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] TYPES = {"acronym.created", "user.created", "category.deleted", "import.completed"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String key;

    private DeliveryLogBench(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        int deliveries = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path data = Files.createTempDirectory("hookline-bench-delivery-log");
        try (TestReceiver receiver = TestReceiver.https();
                Standalone hookline = Standalone.start(Map.of("hookline.data-dir", data.toString(), "server.port", "0",
                        "hookline.embedded-kafka.port", "0", "hookline.delivery.allowed-cidrs", "127.0.0.0/8",
                        "hookline.delivery.extra-ca-certs", receiver.caCertificatePem().toString(), "logging.level.io.hookline", "WARN"))) {
            DeliveryLogBench bench = new DeliveryLogBench(hookline.baseUrl(), Files.readString(data.resolve("owner.key")).trim());
            String webhookId = bench.webhook(receiver.url("/hook"));

            long writeStart = System.nanoTime();
            long indexCpuStart = indexThreadCpuNanos();
            String lastDelivery = write(hookline.bootstrapServers(), webhookId, deliveries);
            bench.awaitIndexed(webhookId, lastDelivery);
            double indexSeconds = (System.nanoTime() - writeStart) / 1e9;
            int attempts = deliveries + deliveries / 5;
            System.out.printf("%nIndexing: %.1f s wall, the index thread's CPU %.0f ms = %.1f µs per attempt (%,d attempts)%n", indexSeconds,
                    (indexThreadCpuNanos() - indexCpuStart) / 1e6, (indexThreadCpuNanos() - indexCpuStart) / 1e3 / attempts, attempts);
            if (Boolean.getBoolean("bench.index-only")) {
                return;
            }

            String list = "/v4/webhooks/" + webhookId + "/deliveries";
            bench.pages(list, 1); // warm-up: JIT, connections, RocksDB block cache
            bench.times("/actuator/health", 200, false);
            List<Long> health = bench.times("/actuator/health", passes * (deliveries / 50 + 1), false);
            List<Long> webhook = bench.times("/v4/webhooks/" + webhookId, passes * (deliveries / 50 + 1), true);
            Pages all = bench.pages(list, passes);
            Pages failed = bench.pages(list + "?status=failed", passes);
            Pages none = bench.pages(list + "?status=pending", passes);
            Pages recent = bench.pages(list + "?event=user.created&from=" + Instant.parse("2026-10-01T00:00:00Z").plus(Duration.ofMinutes(deliveries / 4)), passes);

            System.out.printf("%n%,d deliveries (%,d attempts) of one webhook written and indexed in %.1f s; %d cores; %d passes%n%n",
                    deliveries, deliveries + deliveries / 5, indexSeconds, Runtime.getRuntime().availableProcessors(), passes);
            System.out.println("| request (sequential, HTTP/1.1 keep-alive) | requests | rows per pass | p50 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|");
            print("baseline: `GET /actuator/health`", health, 0);
            print("baseline: `GET /v4/webhooks/{id}` (auth, webhook view, stats)", webhook, 0);
            print("`GET …/deliveries`, default limit (50), every page", all.micros(), all.rows());
            print("`GET …/deliveries?status=failed` (1 in 10 match)", failed.micros(), failed.rows());
            print("`GET …/deliveries?event=…&from=…` (1 in 4 match, last ¾ of the list)", recent.micros(), recent.rows());
            print("`GET …/deliveries?status=pending` (none match: pages of 1,000 looked at, 0 rows)", none.micros(), none.rows());
        }
    }

    /**
     * CPU of the delivery-log index's thread (the gateway's Streams global thread) so far: what indexing costs,
     * apart from the broker and the writer in the same JVM.
     */
    private static long indexThreadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("delivery-log") && info.getThreadName().endsWith("GlobalStreamThread")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** 10,000 deliveries, one minute apart from 2026-10-01; every fifth retried once; one in ten failed for good. */
    private static String write(String bootstrapServers, String webhookId, int deliveries) throws Exception {
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        String last = null;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(new KafkaConnection(bootstrapServers).producer("bench-log"),
                new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                String deliveryId = Ids.random(Ids.DELIVERY);
                Instant at = start.plus(Duration.ofMinutes(i));
                String type = TYPES[i % TYPES.length];
                if (i % 5 == 0) {
                    sent.add(send(producer, attempt(webhookId, deliveryId, type, 1, AttemptStatus.RETRYING, 503, at).setNextAttemptAt(at.plusSeconds(5)).build()));
                    at = at.plusSeconds(5);
                }
                AttemptStatus status = i % 10 == 3 ? AttemptStatus.FAILED : AttemptStatus.SUCCEEDED;
                sent.add(send(producer, attempt(webhookId, deliveryId, type, i % 5 == 0 ? 2 : 1, status, status == AttemptStatus.FAILED ? 500 : 200, at).build()));
                last = deliveryId;
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        return last;
    }

    private static DeliveryAttempt.Builder attempt(String webhookId, String deliveryId, String type, int number, AttemptStatus status, int code,
            Instant at) {
        String body = "{\"event\":\"" + type + "\",\"timestamp\":\"" + at + "\",\"webhook_id\":\"" + webhookId + "\",\"delivery_id\":\""
                + deliveryId + "\",\"tenant_id\":\"default\",\"data\":{\"id\":\"x_1\",\"padding\":\"" + "p".repeat(800) + "\"}}";
        return DeliveryAttempt.newBuilder().setAttemptId(Ids.random(Ids.ATTEMPT)).setDeliveryId(deliveryId).setWebhookId(webhookId)
                .setTenantId("default").setEventId(Ids.random(Ids.EVENT)).setEventType(type).setAttempt(number)
                .setTrigger((number == 1 ? Trigger.SCHEDULED : Trigger.RETRY).symbol()).setStatus(status.symbol()).setAttemptedAt(at).setDurationMs(42)
                .setUrl("https://example.com/hook").setRequestHeaders(Map.of("webhook-id", deliveryId, "webhook-signature", "v1,abc"))
                .setRequestBody(body).setResponseCode(code).setResponseHeaders(Map.of("content-type", "text/plain"))
                .setResponseBody(code == 200 ? "ok" : "r".repeat(700));
    }

    private static Future<?> send(KafkaProducer<String, byte[]> producer, DeliveryAttempt attempt) {
        return producer.send(new ProducerRecord<>(Topics.DELIVERY_LOG.name(), attempt.getWebhookId(),
                Topics.DELIVERY_LOG.valueSerde().serializer().serialize(Topics.DELIVERY_LOG.name(), attempt)));
    }

    private String webhook(String url) throws Exception {
        HttpResponse<String> created = http.send(request("/v4/webhooks", true).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + url + "\", \"events\": [\"*\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("webhook not created: " + created.body());
        }
        return JSON.readTree(created.body()).path("data").path("id").asString();
    }

    /** One webhook's attempts are on one partition in order: once the last is indexed, all are. */
    private void awaitIndexed(String webhookId, String lastDelivery) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (get("/v4/webhooks/" + webhookId + "/deliveries/" + lastDelivery, true).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the index did not get the last attempt within 5 minutes");
            }
            Thread.sleep(100); // a benchmark's poll, not a test's synchronization
        }
    }

    private record Pages(List<Long> micros, int rows) {
    }

    /** Pages through the list {@code passes} times, timing each page. */
    private Pages pages(String list, int passes) throws Exception {
        List<Long> micros = new ArrayList<>();
        int rows = 0;
        for (int pass = 0; pass < passes; pass++) {
            rows = 0;
            String cursor = null;
            do {
                String page = cursor == null ? list : list + (list.contains("?") ? "&" : "?") + "cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
                long start = System.nanoTime();
                HttpResponse<String> response = get(page, true);
                micros.add((System.nanoTime() - start) / 1_000);
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(page + " answered " + response.statusCode() + ": " + response.body());
                }
                JsonNode body = JSON.readTree(response.body());
                rows += body.path("data").size();
                JsonNode next = body.path("nextCursor");
                cursor = next.isNull() || next.isMissingNode() ? null : next.asString();
            } while (cursor != null);
        }
        return new Pages(micros, rows);
    }

    private List<Long> times(String path, int count, boolean authenticated) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(path, authenticated);
            micros.add((System.nanoTime() - start) / 1_000);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
        }
        return micros;
    }

    private HttpResponse<String> get(String path, boolean authenticated) throws Exception {
        return http.send(request(path, authenticated).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, boolean authenticated) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        return authenticated ? request.header("Authorization", "Bearer " + key) : request;
    }

    private static void print(String name, List<Long> micros, int rows) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf("| %s | %,d | %s | %.2f | %.2f | %.2f |%n", name, sorted.size(), rows == 0 ? "—" : String.format("%,d", rows),
                percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
