package io.hookline.bench.crash;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.states.AttemptStatus;
import io.hookline.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17's crash run: the standalone as a child process, five webhooks to healthy HTTPS loopback
 * receivers, then N times: a burst of events, {@code kill -9} of the whole process (broker included)
 * mid-burst, a start on the same data, and a wait until every accepted event's deliveries arrived.
 * Per crash it prints the deliveries received twice against those in flight at the kill: received
 * before it without a success on the delivery log from before it (the killed process can write
 * nothing after it dies, so {@code attemptedAt < kill} is "recorded before the kill"). Run from the
 * repository root after {@code mvn -q -o -pl bench -am -DskipTests package dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt}: {@code java -cp "bench/target/classes:$(cat bench/target/cp.txt)"
 * io.hookline.bench.crash.CrashBench [crashes=3] [events per burst=1000]}.
 */
public final class CrashBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The jar to run; {@code -Dhookline.jar=} runs another build (a "before" copy). */
    private static final String JAR = System.getProperty("hookline.jar", "standalone/target/hookline-standalone-0.1.0-SNAPSHOT-exec.jar");
    private static final String TYPE = "acronym.created";
    private static final int WEBHOOKS = 5;
    private static final int PER_POST = 10;

    private final ChildPlatform platform;
    private final CountingReceiver receiver;
    private final HttpClient api = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> webhooks = new ArrayList<>();
    private String data;

    private CrashBench(ChildPlatform platform, CountingReceiver receiver) {
        this.platform = platform;
        this.receiver = receiver;
    }

    public static void main(String[] args) throws Exception {
        int crashes = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path dir = Files.createTempDirectory("hookline-bench-crash");
        System.out.println("Platform logs and data in " + dir);
        try (CountingReceiver receiver = new CountingReceiver()) {
            ChildPlatform platform = new ChildPlatform(Path.of(JAR).toAbsolutePath(), dir.resolve("data"), List.of(
                    "--hookline.delivery.allowed-cidrs=127.0.0.0/8",
                    "--hookline.delivery.extra-ca-certs=" + receiver.caCertificatePem()));
            new CrashBench(platform, receiver).run(crashes, events);
        }
        System.exit(0);
    }

    private void run(int crashes, int events) throws Exception {
        platform.start();
        data = sampleData();
        for (int i = 0; i < WEBHOOKS; i++) {
            webhooks.add(createWebhook("crash/" + i));
        }
        System.out.printf("%d cores; %d webhooks; bursts of %d events (%d deliveries)%n",
                Runtime.getRuntime().availableProcessors(), WEBHOOKS, events, events * WEBHOOKS);
        System.out.println("| crash | accepted events | received before kill | in flight at kill | received twice"
                + " | of them recorded as succeeded before the kill | retried (a failed attempt logged) | restart → all received |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int crash = 1; crash <= crashes; crash++) {
            crashOnce(crash, events);
        }
        platform.stop();
    }

    private void crashOnce(int crash, int events) throws Exception {
        Map<String, Integer> before = receiver.counts();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService posters = Executors.newFixedThreadPool(4);
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < events; i += PER_POST) {
            List<String> batch = new ArrayList<>();
            for (int j = i; j < Math.min(events, i + PER_POST); j++) {
                batch.add(Ids.random(Ids.EVENT));
            }
            batches.add(batch);
        }
        for (List<String> batch : batches) {
            posters.execute(() -> {
                if (!stop.get() && post(batch)) {
                    accepted.addAll(batch);
                }
            });
        }
        // kill once about a third of the burst's deliveries arrived
        int killAt = before.size() + events * WEBHOOKS / 3;
        while (receiver.distinct() < killAt) {
            Thread.sleep(5); // watching another process's progress, to kill it mid-burst
        }
        platform.kill();
        Instant killed = Instant.now();
        stop.set(true);
        posters.shutdownNow();
        posters.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        Map<String, Integer> atKill = receiver.counts();

        long restarted = System.nanoTime();
        platform.start();
        Set<String> expected = new HashSet<>();
        for (String event : accepted) {
            for (String webhook : webhooks) {
                expected.add(Ids.deliveryId(event, webhook));
            }
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!receiver.counts().keySet().containsAll(expected)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every delivery arrived within 10 minutes of the restart");
            }
            Thread.sleep(100);
        }
        double recovery = (System.nanoTime() - restarted) / 1e9;
        Map<String, List<DeliveryAttempt>> log = deliveryLog();
        // every accepted delivery has a success on the log (waits for the last ones to be written)
        while (!expected.stream().allMatch(id -> log.getOrDefault(id, List.of()).stream().anyMatch(a -> AttemptStatus.SUCCEEDED.is(a.getStatus())))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every delivery has a success on the delivery log");
            }
            Thread.sleep(500);
            log.clear();
            log.putAll(deliveryLog());
        }
        Map<String, Integer> after = receiver.counts();

        Set<String> recordedBeforeKill = new HashSet<>();
        Set<String> retried = new HashSet<>();
        log.forEach((id, attempts) -> attempts.forEach(a -> {
            if (AttemptStatus.SUCCEEDED.is(a.getStatus()) && a.getAttemptedAt().isBefore(killed)) {
                recordedBeforeKill.add(id);
            }
            if (!AttemptStatus.SUCCEEDED.is(a.getStatus()) && !AttemptStatus.PENDING.is(a.getStatus())) { // a pending record is no attempt
                retried.add(id);
            }
        }));
        int receivedBeforeKill = 0;
        int inFlight = 0;
        for (String id : atKill.keySet()) {
            if (!before.containsKey(id)) {
                receivedBeforeKill++;
                if (!recordedBeforeKill.contains(id)) {
                    inFlight++;
                }
            }
        }
        int twice = 0;
        int twiceRecorded = 0;
        int twiceRetried = 0;
        for (Map.Entry<String, Integer> entry : after.entrySet()) {
            if (!before.containsKey(entry.getKey()) && entry.getValue() > 1) {
                twice++;
                twiceRecorded += recordedBeforeKill.contains(entry.getKey()) ? 1 : 0;
                twiceRetried += retried.contains(entry.getKey()) ? 1 : 0;
            }
        }
        System.out.printf("| %d | %d | %d | %d | %d | %d | %d | %.1f s |%n", crash, accepted.size(), receivedBeforeKill, inFlight,
                twice, twiceRecorded, twiceRetried, recovery);
    }

    /** Delivery id → its attempts on hookline.delivery-log, for this run's webhooks, read to the end. */
    private Map<String, List<DeliveryAttempt>> deliveryLog() {
        Map<String, List<DeliveryAttempt>> attempts = new HashMap<>();
        Set<String> ours = new HashSet<>(webhooks);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.bootstrapServers(), ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.DELIVERY_LOG.partitions(); p++) {
                partitions.add(new TopicPartition(Topics.DELIVERY_LOG.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (ours.contains(record.key())) {
                        DeliveryAttempt attempt = Topics.DELIVERY_LOG.valueSerde().deserializer().deserialize(record.topic(), record.value());
                        attempts.computeIfAbsent(attempt.getDeliveryId(), id -> new ArrayList<>()).add(attempt);
                    }
                }
            }
        }
        return attempts;
    }

    private boolean post(List<String> events) {
        StringBuilder json = new StringBuilder("[");
        for (String id : events) {
            json.append(json.length() > 1 ? "," : "").append("{\"id\":\"").append(id).append("\",\"type\":\"").append(TYPE)
                    .append("\",\"data\":").append(data).append('}');
        }
        try {
            HttpResponse<String> response = api.send(request("/v4/events").POST(HttpRequest.BodyPublishers.ofString(json + "]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 202;
        } catch (Exception killed) {
            return false; // the platform was killed under this request: its events may or may not be stored
        }
    }

    private String createWebhook(String path) throws Exception {
        String body = "{\"url\":\"" + receiver.url(path) + "\",\"events\":[\"" + TYPE + "\"]}";
        HttpResponse<String> response = api.send(request("/v4/webhooks").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /v4/webhooks: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("data").path("id").asString();
    }

    private String sampleData() throws Exception {
        HttpResponse<String> response = api.send(request("/v4/event-types").GET().build(), HttpResponse.BodyHandlers.ofString());
        for (var type : JSON.readTree(response.body()).path("data")) {
            if (type.path("type").asString().equals(TYPE)) {
                return JSON.writeValueAsString(type.path("sample"));
            }
        }
        throw new IllegalStateException("no sample for " + TYPE);
    }

    private HttpRequest.Builder request(String path) throws Exception {
        return HttpRequest.newBuilder(URI.create(platform.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + platform.key()).header("Content-Type", "application/json");
    }
}
