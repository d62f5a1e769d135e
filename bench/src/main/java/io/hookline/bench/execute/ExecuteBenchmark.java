package io.hookline.bench.execute;

import io.hookline.standalone.Standalone;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Execute webhooks' speed: a trivial dataset's round trip through HTTP, Kafka, the executor's warm
 * sandbox pool and back (p50 sequentially, throughput at concurrency 8), against a baseline of plain
 * {@code python3 -c pass} spawns from Java in the same run. Usage (after {@code mvn -q install -DskipTests}):
 * {@code java -cp "bench/target/classes:$(cat cp.txt)" io.hookline.bench.execute.ExecuteBenchmark [requests]}.
 */
public final class ExecuteBenchmark {

    private static final int CONCURRENCY = 8;

    private ExecuteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        String python = System.getProperty("python", "/usr/bin/python3");
        Path data = Files.createTempDirectory("hookline-bench-execute");
        Map<String, Object> settings = new java.util.HashMap<>(Map.of("hookline.data-dir", data.toString(), "server.port", "0",
                "hookline.embedded-kafka.port", "0", "logging.level.io.hookline", "WARN"));
        // the product's default pool unless -DpoolSize=N says otherwise
        Optional.ofNullable(System.getProperty("poolSize")).ifPresent(size -> settings.put("hookline.executor.pool-size", size));
        try (Standalone hookline = Standalone.start(settings)) {
            String key = Files.readString(data.resolve("owner.key")).trim();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String docId = createDoc(http, hookline.baseUrl(), key);
            String executeUrl = hookline.baseUrl() + "/v4/webhook/docs/" + docId + "/execute";

            Callable<Long> spawn = () -> timed(() -> {
                Process process = new ProcessBuilder(python, "-c", "pass").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("python3 -c pass failed");
                }
            });
            Callable<Long> execute = () -> timed(() -> execute(http, executeUrl, key));

            run(spawn, 50, 1);
            run(execute, 100, CONCURRENCY);
            Result baselineSeq = run(spawn, requests, 1);
            Result baselinePar = run(spawn, requests, CONCURRENCY);
            Result executeSeq = run(execute, requests, 1);
            Result executePar = run(execute, requests * 2, CONCURRENCY);

            System.out.printf("%n| run (%d cores) | p50 ms | p95 ms | p99 ms | per second |%n|---|---|---|---|---|%n",
                    Runtime.getRuntime().availableProcessors());
            print("`python3 -c pass` spawn from Java, sequential", baselineSeq);
            print("`python3 -c pass` spawn from Java, concurrency 8", baselinePar);
            print("execute round trip via HTTP (trivial dataset), sequential", executeSeq);
            print("execute round trip via HTTP (trivial dataset), concurrency 8", executePar);
        }
    }

    private record Result(List<Long> micros, double perSecond) {
    }

    private interface Action {
        void run() throws Exception;
    }

    private static long timed(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1_000;
    }

    private static Result run(Callable<Long> task, int count, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger left = new AtomicInteger(count);
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    micros.add(task.call());
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return new Result(sorted, count / seconds);
    }

    private static void print(String name, Result result) {
        System.out.printf("| %s | %.1f | %.1f | %.1f | %.0f |%n", name, percentile(result.micros(), 50), percentile(result.micros(), 95),
                percentile(result.micros(), 99), result.perSecond());
    }

    private static double percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    private static String createDoc(HttpClient http, String baseUrl, String key) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v4/docs"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"bench\", \"datasets\": [{\"key\": \"noop\", \"code\": \"pass\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Creating the doc failed: " + response.body());
        }
        int at = response.body().indexOf("\"id\":\"") + 6;
        return response.body().substring(at, response.body().indexOf('"', at));
    }

    private static void execute(HttpClient http, String url, String key) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\": {\"n\": 1}}")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"success\":true,\"executionId\"")) {
            throw new IllegalStateException("Execute failed: " + response.statusCode() + " " + response.body());
        }
    }
}
