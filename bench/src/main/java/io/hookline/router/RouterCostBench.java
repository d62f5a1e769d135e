package io.hookline.router;

import io.hookline.router.routing.RouterTopology;
import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.Event;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The router's own CPU per event, warm, in one thread: the real topology and Streams configuration with
 * its RocksDB stores, driven by {@link TopologyTestDriver} (no broker, no Kafka clients), on events shaped
 * like DeliveryBench's (Avro events as the gateway writes them, 1 KiB of data, ten types, each subscribed by
 * one of ten webhooks, so one event is one delivery). DeliveryBench's CPU per thread moves by a third
 * between two runs of one build on a shared VM; this resolves a change to the router's own work. In this
 * package because the router's Streams configuration is package-private.
 * {@code RouterCostBench [events per round] [rounds]}; from the repository root, after the bench module's
 * package command (BENCHMARKS.md): {@code java -Xmx1g -cp "bench/target/classes:$(cat bench/target/cp.txt)"
 * io.hookline.router.RouterCostBench 20000 9}.
 */
public final class RouterCostBench {

    private static final List<String> TEN_TYPES = List.of("acronym.created", "acronym.updated", "acronym.locked", "acronym.unlocked",
            "acronym.deprecated", "acronym.restored", "acronym.deleted", "category.created", "category.updated", "category.deleted");
    private static final String TENANT = "default";
    private static final int WARM_UP_ROUNDS = 5;

    private RouterCostBench() {
    }

    public static void main(String[] args) throws IOException {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        Path stateDir = Files.createTempDirectory("hookline-router-bench");
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        RouterProperties settings = new RouterProperties("router-bench", stateDir, 1, "at_least_once",
                Duration.ofMillis(100), Duration.ofSeconds(5));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] micros = new double[rounds];
        Map<String, Long> produced = new TreeMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(new RouterTopology(Clock.systemUTC()).build(),
                RouterStreamsConfig.of(new KafkaConnection("localhost:1"), settings), start)) {
            TestInputTopic<String, Webhook> webhooks = driver.createInputTopic(Topics.WEBHOOKS.name(),
                    Topics.WEBHOOKS.keySerde().serializer(), Topics.WEBHOOKS.valueSerde().serializer());
            TestInputTopic<String, byte[]> events = driver.createInputTopic(Topics.EVENTS.name(),
                    Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer());
            for (int i = 0; i < TEN_TYPES.size(); i++) {
                webhooks.pipeInput("wh_" + i, webhook("wh_" + i, TEN_TYPES.get(i), start), start);
            }
            long at = start.plusSeconds(1).toEpochMilli();
            for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
                List<byte[]> batch = events(perRound, at);
                long cpu = threads.getCurrentThreadCpuTime();
                for (byte[] event : batch) {
                    events.pipeInput(TENANT, event, at++);
                }
                // what the router wrote, drained so the driver holds nothing between rounds; counted as part of the round
                // (a real producer's send is in the router's CPU too), and checked: one delivery per event
                Map<String, Long> written = drain(driver);
                if (round >= 0) {
                    micros[round] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / perRound;
                    written.forEach((topic, count) -> produced.merge(topic, count, Long::sum));
                }
                long deliveries = written.getOrDefault(Topics.DELIVERIES.name(), 0L);
                if (deliveries != perRound) {
                    throw new IllegalStateException("round " + round + " routed " + deliveries + " deliveries for " + perRound + " events");
                }
            }
        } finally {
            TestFiles.deleteRecursively(stateDir);
        }
        double[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf("router CPU per event, %d rounds of %,d (after %d warm-up rounds): median %.2f µs, min %.2f, max %.2f; rounds %s%n",
                rounds, perRound, WARM_UP_ROUNDS, sorted[rounds / 2], sorted[0], sorted[rounds - 1], Arrays.toString(micros));
        System.out.printf("records written per event: %s%n", produced.entrySet().stream()
                .map(e -> "%s %.2f".formatted(e.getKey(), (double) e.getValue() / perRound / rounds)).toList());
    }

    /** Each round's events have ids of their own: a repeated id would be recognised and not routed. */
    private static List<byte[]> events(int count, long at) {
        List<byte[]> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String data = "{\"acronym\":\"API\",\"meaning\":\"Application Programming Interface\",\"n\":" + i
                    + ",\"padding\":\"" + "x".repeat(940) + "\"}";
            events.add(Topics.EVENT_VALUES.serialize(Event.newBuilder().setId(Ids.random(Ids.EVENT)).setTenantId(TENANT)
                    .setType(TEN_TYPES.get(i % TEN_TYPES.size())).setTimestamp(Instant.ofEpochMilli(at + i)).setData(data).build()));
        }
        return events;
    }

    private static Map<String, Long> drain(TopologyTestDriver driver) {
        Map<String, Long> counts = new TreeMap<>();
        for (String topic : driver.producedTopicNames()) {
            TestOutputTopic<byte[], byte[]> output = driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            long count = output.getQueueSize();
            output.readRecordsToList();
            counts.put(topic, count);
        }
        return counts;
    }

    private static Webhook webhook(String id, String type, Instant createdAt) {
        return Webhook.newBuilder().setId(id).setTenantId(TENANT).setUrl("https://localhost:8443/ten/" + id)
                .setEvents(new ArrayList<>(List.of(type))).setStatus(WebhookStatusSymbol.active).setEnabled(true)
                .setCreatedAt(createdAt).setUpdatedAt(createdAt)
                .setSecrets(List.of(SigningSecret.newBuilder().setCiphertext("ct-" + id).setCreatedAt(createdAt).build()))
                .setRetryPolicy(RetryPolicy.newBuilder().build()).build();
    }
}
