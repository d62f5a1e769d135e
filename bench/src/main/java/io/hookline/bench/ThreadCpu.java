package io.hookline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU nanoseconds by thread group between construction and {@link #byGroup()}: everything (client,
 * gateway, broker) runs in one JVM in the benchmarks, so the thread names say which part the CPU went to.
 * The benchmarks' reports divide these by their POSTs or deliveries. Threads that ended meanwhile are not counted.
 */
public final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> start = snapshot();
    private final long processStart = processNanos();

    /** Nanoseconds by group ("reactor-http-epoll-3" → "reactor-http-epoll-#"), threads of every group. */
    public Map<String, Long> byGroup() {
        Map<Long, Long> end = snapshot();
        Map<String, Long> groups = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(end.keySet().stream().mapToLong(Long::longValue).toArray())) {
            if (info != null) {
                groups.merge(group(info.getThreadName()),
                        end.get(info.getThreadId()) - start.getOrDefault(info.getThreadId(), 0L), Long::sum);
            }
        }
        return groups;
    }

    /** The process's CPU since construction, JIT compiler and GC threads included (the thread MXBean lists neither). */
    public long processNanos() {
        return processCpu() - processStart;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** "hookline-router-3f2a…-StreamThread-1" and "reactor-http-epoll-3" → their component's name. */
    public static String group(String thread) {
        return thread.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "*").replaceAll("\\d+", "#");
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
}
