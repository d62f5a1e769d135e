package io.hookline.bench.delivery;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
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

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> start = snapshot();
    private final long gcStart = gcMillis();
    private final long jitStart = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    private final Map<String, Long> requestsStart = brokerRequests();

    /** The groups' CPU milliseconds since construction, largest first, as "name ms" lines. */
    String report(int top, long deliveries) {
        Map<Long, Long> end = snapshot();
        Map<String, Long> byGroup = new HashMap<>();
        long total = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(end.keySet().stream().mapToLong(Long::longValue).toArray())) {
            if (info == null) {
                continue;
            }
            long nanos = end.get(info.getThreadId()) - start.getOrDefault(info.getThreadId(), 0L);
            byGroup.merge(group(info.getThreadName()), nanos, Long::sum);
            total += nanos;
        }
        long all = total;
        Map<String, Long> requests = brokerRequests();
        String extra = "  GC %d ms and JIT %d ms (not in the threads below); broker requests: %s%n".formatted(gcMillis() - gcStart,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitStart,
                requests.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - requestsStart.getOrDefault(e.getKey(), 0L)))
                        .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        return byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .map(e -> "  %-60s %7.0f ms  %4.1f%%  %6.1f µs/delivery".formatted(e.getKey(), e.getValue() / 1e6,
                        100.0 * e.getValue() / all, e.getValue() / 1e3 / deliveries))
                .collect(Collectors.joining("\n", "  all threads %.0f ms CPU, %.1f µs per delivery%n".formatted(all / 1e6,
                        all / 1e3 / deliveries) + extra, ""));
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

    private static Map<Long, Long> snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /** "hookline-router-3f2a…-StreamThread-1" and "reactor-http-nio-3" → their component's name. */
    private static String group(String thread) {
        return thread.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "*").replaceAll("\\d+", "#");
    }
}
