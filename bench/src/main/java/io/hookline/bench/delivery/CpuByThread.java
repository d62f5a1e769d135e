package io.hookline.bench.delivery;

import io.hookline.bench.ThreadCpu;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * CPU time spent by each group of threads between two snapshots (threads named alike, digits and ids
 * folded), so a scenario can say which component its CPU went to: everything runs in this one JVM.
 * Threads that ended between the snapshots are not counted.
 */
final class CpuByThread {

    /** USER_HZ: 100 on every Linux build this runs on (sysconf(_SC_CLK_TCK) is not reachable from Java). */
    private static final long CLOCK_TICKS = 100;

    private final ThreadCpu threads = new ThreadCpu();
    private final long startedAt = System.nanoTime();
    private final long compilersStart = compilerThreadsCpuNanos();
    private final long gcStart = gcMillis();
    private final long jitStart = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    private final Map<String, Long> requestsStart = brokerRequests();
    private final Map<String, Long> clientRequestsStart = clientRequests();

    /** The groups' CPU milliseconds since construction, largest first, as "name ms" lines. */
    String report(int top, long deliveries) {
        Map<String, Long> byGroup = threads.byGroup();
        long all = byGroup.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> requests = brokerRequests();
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        long process = threads.processNanos();
        long compilers = compilersStart < 0 ? -1 : compilerThreadsCpuNanos() - compilersStart;
        String machine = "  the process %.0f ms CPU in %.1f s = %.0f %% of %d cores, of it the JIT's compiler threads %s%n".formatted(
                process / 1e6, seconds, 100.0 * process / 1e9 / seconds / Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors(), compilersStart < 0 ? "unknown (no /proc)"
                        // the JVM ends idle compiler threads, and their ticks leave the sum with them
                        : compilers < 0 ? "unknown (a compiler thread ended meanwhile: the JIT went quiet)"
                        : "%.0f ms (%.0f %% of one core)".formatted(compilers / 1e6, 100.0 * compilers / 1e9 / seconds));
        String extra = machine + "  GC %d ms and JIT %d ms (compilation time, not in the threads below); broker requests: %s%n".formatted(gcMillis() - gcStart,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitStart,
                requests.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - requestsStart.getOrDefault(e.getKey(), 0L)))
                        .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                + "  by client: %s%n".formatted(since(clientRequests(), clientRequestsStart))
                + "  stream threads: %s%n".formatted(streamThreads());
        return byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .map(e -> "  %-60s %7.0f ms  %4.1f%%  %6.1f µs/delivery".formatted(e.getKey(), e.getValue() / 1e6,
                        100.0 * e.getValue() / all, e.getValue() / 1e3 / deliveries))
                .collect(Collectors.joining("\n", "  all threads %.0f ms CPU, %.1f µs per delivery%n".formatted(all / 1e6,
                        all / 1e3 / deliveries) + extra, ""));
    }

    /**
     * CPU of the JIT's compiler threads, which the thread MXBean does not list, from Linux's per-thread
     * {@code /proc/self/task/<id>/stat} (user + system ticks); -1 elsewhere. The MXBean's compilation time
     * is the compilers' elapsed time, which on a busy machine includes their waits for a core. A compiler thread
     * the JVM ended meanwhile (it stops idle ones) is not counted.
     */
    private static long compilerThreadsCpuNanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) threads::iterator) {
                try {
                    if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * 1_000_000_000L / CLOCK_TICKS;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** The in-process broker's request counts by type (Produce, Fetch…), from its JMX metrics. */
    private static Map<String, Long> brokerRequests() {
        Map<String, Long> counts = new TreeMap<>();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (ObjectName name : server.queryNames(new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
                counts.merge(name.getKeyProperty("request"), ((Number) server.getAttribute(name, "Count")).longValue(), Long::sum);
            }
        } catch (JMException e) {
            counts.put("unavailable: " + e.getMessage(), 0L);
        }
        return counts;
    }

    /**
     * Produce requests by producer and fetches by consumer, from the clients' JMX metrics: which component sends the
     * broker's requests. Ids and digits are folded as the thread groups are; clients closed meanwhile are not counted.
     */
    private static Map<String, Long> clientRequests() {
        Map<String, Long> counts = new TreeMap<>();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (ObjectName name : server.queryNames(new ObjectName("kafka.producer:type=producer-metrics,*"), null)) {
                counts.merge("produce " + ThreadCpu.group(name.getKeyProperty("client-id")), count(server, name, "request-total"), Long::sum);
            }
            for (ObjectName name : server.queryNames(new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,*"), null)) {
                if (name.getKeyProperty("topic") == null && name.getKeyProperty("partition") == null) {
                    counts.merge("fetch " + ThreadCpu.group(name.getKeyProperty("client-id")), count(server, name, "fetch-total"), Long::sum);
                }
            }
        } catch (JMException e) {
            counts.put("unavailable: " + e.getMessage(), 0L);
        }
        return counts;
    }

    /**
     * Where the Kafka Streams threads' time went (the router's): each thread's share of it polling, processing,
     * committing and punctuating, and its commits' average latency, as Streams measures them over its metrics'
     * last window (2 × 30 s, so mostly this scenario). Set against the thread's CPU above, a share of wall time
     * larger than its CPU is time it waited, for a core or a lock.
     */
    private static String streamThreads() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<String> threads = new ArrayList<>();
        try {
            for (ObjectName name : server.queryNames(new ObjectName("kafka.streams:type=stream-thread-metrics,*"), null)) {
                double poll = value(server, name, "poll-ratio");
                double process = value(server, name, "process-ratio");
                double commit = value(server, name, "commit-ratio");
                double punctuate = value(server, name, "punctuate-ratio");
                if (poll + process + commit + punctuate == 0) {
                    continue; // a thread that did not run in the window (one replaced, or without tasks)
                }
                threads.add(ThreadCpu.group(name.getKeyProperty("thread-id"))
                        + " poll %.0f %% / process %.0f %% / commit %.0f %% / punctuate %.0f %% of its time, commits %.1f ms avg"
                                .formatted(100 * poll, 100 * process, 100 * commit, 100 * punctuate, value(server, name, "commit-latency-avg")));
            }
        } catch (JMException e) {
            return "unavailable: " + e.getMessage();
        }
        return threads.isEmpty() ? "none" : String.join("; ", threads);
    }

    /** A metric's value; NaN (a window without samples) and a metric this version lacks read as 0. */
    private static double value(MBeanServer server, ObjectName name, String attribute) throws JMException {
        try {
            double value = ((Number) server.getAttribute(name, attribute)).doubleValue();
            return Double.isNaN(value) ? 0 : value;
        } catch (javax.management.AttributeNotFoundException e) {
            return 0;
        }
    }

    private static long count(MBeanServer server, ObjectName name, String attribute) throws JMException {
        return ((Number) server.getAttribute(name, attribute)).longValue();
    }

    private static String since(Map<String, Long> now, Map<String, Long> start) {
        return now.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - start.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
