package io.hookline.bench.ingest;

import io.hookline.bench.ThreadCpu;
import io.hookline.standalone.Standalone;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's cost per {@code POST /v4/events} (issue 15): the standalone (embedded broker) taking
 * 1 KiB events of ten types, one per POST and then ten per POST, from C concurrent connections, against a
 * baseline of the same client POSTing the same bodies to a bare Reactor Netty server in this JVM that
 * reads the body and answers 202 (what HTTP alone costs here), and a last row of single events from only 2
 * connections. Prints a Markdown table: requests/s and
 * CPU per POST by thread group, and the ratio of the gateway's CPU per POST to the baseline server's.
 * No webhook exists, so the router reads the events and routes them nowhere. Run from the repository root:
 * {@code mvn -q -o -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * && java -Xmx1g -cp "bench/target/classes:$(cat bench/target/cp.txt)" io.hookline.bench.ingest.IngestBench [posts] [concurrency]}
 * (defaults 20000 and 32; about three minutes on two cores; a warm-up of 7/8 as many POSTs first). {@code -Dbench.setting.NAME=VALUE} passes a setting to the
 * standalone, to measure a configuration without rebuilding.
 */
public final class IngestBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> TEN_TYPES = List.of("acronym.created", "acronym.updated", "acronym.locked", "acronym.unlocked",
            "acronym.deprecated", "acronym.restored", "acronym.deleted", "category.created", "category.updated", "category.deleted");
    /** What the baseline answers: the gateway's answer to one event, in size and shape. */
    private static final byte[] RAW_ANSWER = "{\"data\":{\"accepted\":[\"evt_0123456789abcdef0123456789abcdef\"]}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String CLIENT = "bench-client";
    private static final String RAW_SERVER = "bench-raw";

    private final HttpClient client;
    private final String key;
    private final List<String> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    private IngestBench(HttpClient client, String key) {
        this.client = client;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        int posts = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path data = Files.createTempDirectory("hookline-bench-ingest");
        Map<String, Object> settings = new HashMap<>(Map.of("hookline.data-dir", data.toString(), "server.port", "0",
                "hookline.embedded-kafka.port", "0", "logging.level.io.hookline", "WARN", "logging.level.org.apache.kafka", "ERROR"));
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench.setting."))
                .forEach(name -> settings.put(name.substring("bench.setting.".length()), System.getProperty(name)));
        // the client's and the baseline's own event loops, so that their threads are told from the gateway's
        LoopResources clientLoop = LoopResources.create(CLIENT, 1, true);
        LoopResources rawLoop = LoopResources.create(RAW_SERVER, 1, true);
        ConnectionProvider pool = ConnectionProvider.builder(CLIENT).maxConnections(concurrency).pendingAcquireMaxCount(-1).build();
        DisposableServer raw = HttpServer.create().host("127.0.0.1").port(0).runOn(rawLoop)
                .handle((request, response) -> request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                        .then(response.status(202).header("Content-Type", "application/json").sendByteArray(Mono.just(RAW_ANSWER)).then()))
                .bindNow();
        HttpClient client = HttpClient.create(pool).runOn(clientLoop).responseTimeout(Duration.ofSeconds(60));
        IngestBench bench;
        try (Standalone hookline = Standalone.start(Map.copyOf(settings))) {
            bench = new IngestBench(client, Files.readString(data.resolve("owner.key")).trim());
            Map<String, String> samples = bench.samples(hookline.baseUrl());
            List<byte[]> single = new ArrayList<>();
            List<byte[]> batches = new ArrayList<>();
            for (int i = 0; i < TEN_TYPES.size(); i++) {
                single.add(event(TEN_TYPES.get(i), samples).getBytes(StandardCharsets.UTF_8));
                StringBuilder batch = new StringBuilder("[");
                for (int j = 0; j < TEN_TYPES.size(); j++) {
                    batch.append(j == 0 ? "" : ",").append(event(TEN_TYPES.get((i + j) % TEN_TYPES.size()), samples));
                }
                batches.add(batch.append(']').toString().getBytes(StandardCharsets.UTF_8));
            }
            String rawUrl = "http://127.0.0.1:" + raw.port() + "/v4/events";
            String events = hookline.baseUrl() + "/v4/events";
            // one warm-up for all rows: the JIT, the connections, the producer's batches; the rows then measure a warm JVM
            bench.run(rawUrl, single, posts / 4, concurrency);
            bench.run(events, single, posts / 2, concurrency);
            bench.run(events, batches, posts / 8, concurrency);
            Row baseline = bench.row("baseline: bare Reactor Netty server, 1 event/POST", rawUrl, single, posts, concurrency, 1, null);
            bench.row("gateway, 1 event/POST", events, single, posts, concurrency, 1, baseline);
            bench.row("gateway, 10 events/POST", events, batches, Math.max(1, posts / 4), concurrency, 10, baseline);
            // few at a time, as an application posting its events one by one: every hop to another thread wakes it
            bench.row("gateway, 1 event/POST, 2 concurrent", events, single, Math.max(1, posts / 4), 2, 1, baseline);
        } finally {
            raw.disposeNow();
            pool.disposeLater().block();
            clientLoop.disposeLater().block();
            rawLoop.disposeLater().block();
        }
        bench.print(posts, concurrency, settings); // after the platform's shutdown logs
        System.exit(0);
    }

    /**
     * CPU per POST of a row, in µs, by the groups the table shows. {@code gateway} is the server's own: the
     * HTTP loop, the schedulers and the gateway's producer (the baseline's: its loop); the broker and the
     * router reading the events are {@code rest}.
     */
    private record Row(double perSecond, double gateway, double http, double parallel, double elastic, double producer, double rest,
                       double client, double process) {
    }

    private Row row(String name, String url, List<byte[]> bodies, int posts, int concurrency, int eventsPerPost, Row baseline) {
        run(url, bodies, Math.max(100, posts / 20), concurrency); // the connections of this target
        System.gc();
        ThreadCpu cpu = new ThreadCpu();
        long start = System.nanoTime();
        run(url, bodies, posts, concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> groups = cpu.byGroup();
        long process = cpu.processNanos();
        Map<String, Double> perPost = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> perPost.put(e.getKey(), e.getValue() / 1e3 / posts));
        double http = sum(groups, posts, "reactor-http-", RAW_SERVER);
        double parallel = sum(groups, posts, "parallel-");
        double elastic = sum(groups, posts, "boundedElastic-");
        double producer = sum(groups, posts, "kafka-producer-network-thread | hookline-gateway");
        double client = sum(groups, posts, CLIENT, "main"); // main issues the requests
        double all = groups.values().stream().mapToLong(Long::longValue).sum() / 1e3 / posts;
        double rest = all - http - parallel - elastic - producer - client;
        Row row = new Row(posts / seconds, http + parallel + elastic + producer, http, parallel, elastic, producer, rest, client, process / 1e3 / posts);
        String ratio = baseline == null ? "1" : "%.1f".formatted(row.gateway() / baseline.gateway());
        rows.add("| %s | %,.0f | %,.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %s |".formatted(name, row.perSecond(),
                row.perSecond() * eventsPerPost, row.gateway(), row.http(), row.parallel(), row.elastic(), row.producer(), row.rest(),
                row.client(), row.process(), ratio));
        StringBuilder top = new StringBuilder("- " + name + ", top thread groups (µs/POST): ");
        perPost.forEach((group, micros) -> top.append("%s %.0f; ".formatted(group, micros)));
        details.add(top.toString());
        return row;
    }

    /** The groups whose names start with one of these prefixes, in µs per POST. */
    private static double sum(Map<String, Long> groups, int posts, String... prefixes) {
        long nanos = 0;
        for (Map.Entry<String, Long> group : groups.entrySet()) {
            for (String prefix : prefixes) {
                if (group.getKey().startsWith(prefix)) {
                    nanos += group.getValue();
                    break;
                }
            }
        }
        return nanos / 1e3 / posts;
    }

    /** POSTs these bodies in turn, at most {@code concurrency} at a time; any answer but 202 stops the run. */
    private void run(String url, List<byte[]> bodies, int posts, int concurrency) {
        Semaphore slots = new Semaphore(concurrency);
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicInteger accepted = new AtomicInteger();
        List<CompletableFuture<?>> sent = new ArrayList<>(posts);
        for (int i = 0; i < posts && failure.get() == null; i++) {
            slots.acquireUninterruptibly();
            byte[] body = bodies.get(i % bodies.size());
            sent.add(client.headers(h -> h.add("Content-Type", "application/json").add("Authorization", "Bearer " + key))
                    .post().uri(url).send((request, out) -> out.sendByteArray(Mono.just(body)))
                    .responseSingle((response, content) -> content.asString().defaultIfEmpty("").map(text -> {
                        if (response.status().code() != 202) {
                            failure.compareAndSet(null, response.status().code() + " " + text);
                        } else {
                            accepted.incrementAndGet();
                        }
                        return text;
                    }))
                    .doOnError(e -> failure.compareAndSet(null, e.toString()))
                    .toFuture().whenComplete((text, error) -> slots.release()));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (failure.get() != null || accepted.get() != posts) {
            throw new IllegalStateException("POST " + url + ": " + accepted.get() + " of " + posts + " accepted; first failure: " + failure.get());
        }
    }

    /** Each type's sample padded to 1 KiB of data (every catalog schema allows extra properties). */
    private Map<String, String> samples(String baseUrl) {
        String body = client.headers(h -> h.add("Authorization", "Bearer " + key)).get().uri(baseUrl + "/v4/event-types")
                .responseSingle((response, content) -> content.asString()).block(Duration.ofSeconds(60));
        Map<String, String> samples = new HashMap<>();
        for (JsonNode type : JSON.readTree(body).path("data")) {
            String compact = JSON.writeValueAsString(type.path("sample"));
            int pad = Math.max(0, 1024 - compact.length() - 14);
            samples.put(type.path("type").asString(), compact.substring(0, compact.length() - 1) + (compact.length() > 2 ? "," : "")
                    + "\"padding\":\"" + "x".repeat(pad) + "\"}");
        }
        return samples;
    }

    private static String event(String type, Map<String, String> samples) {
        return "{\"type\":\"" + type + "\",\"data\":" + samples.get(type) + "}";
    }

    private void print(int posts, int concurrency, Map<String, Object> settings) {
        System.out.printf("%n%,d POSTs per row (after a warm-up of 7/8 as many), %d concurrent, 1 KiB events of 10 types; "
                        + "%d cores; settings %s%n%n", posts, concurrency, Runtime.getRuntime().availableProcessors(),
                settings.keySet().stream().filter(k -> !List.of("hookline.data-dir", "server.port", "hookline.embedded-kafka.port").contains(k))
                        .sorted().toList());
        System.out.println("| row | POSTs/s | events/s | gateway CPU µs/POST (sum of the next four) | HTTP loop | parallel | boundedElastic | gateway producer "
                + "| rest (broker, router…) | client | process (JIT, GC incl.) | gateway CPU ÷ baseline server |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
        System.out.println();
        details.forEach(System.out::println);
    }
}
