package io.hookline.gateway.console;

import io.hookline.gateway.deliverylog.DeliveryStats;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The details page's chart of succeeded and failed attempts per hour over 7 days, as the numbers of
 * an inline SVG the template draws: no script, no image request, nothing but numbers in the markup.
 */
final class StatsChart {

    static final int HOURS = 7 * 24;
    static final int BAR_WIDTH = 4;
    static final int HEIGHT = 100;

    private StatsChart() {
    }

    /**
     * One map per hour that had attempts: {@code x}, and for each of succeeded and failed its
     * {@code y} and {@code height} (failed stacked on succeeded), and a {@code label} for the tooltip.
     */
    static List<Map<String, Object>> bars(List<DeliveryStats.Hour> hours, Instant now) {
        Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1L));
        long max = Math.max(1, hours.stream().mapToLong(h -> h.succeeded() + h.failed()).max().orElse(1));
        List<Map<String, Object>> bars = new ArrayList<>();
        for (DeliveryStats.Hour hour : hours) {
            long slot = Duration.between(first, hour.start()).toHours();
            if (slot < 0 || slot >= HOURS) {
                continue;
            }
            int ok = (int) Math.round((double) HEIGHT * hour.succeeded() / max);
            int bad = (int) Math.round((double) HEIGHT * hour.failed() / max);
            bars.add(Map.of("x", slot * BAR_WIDTH, "okY", HEIGHT - ok, "okHeight", ok, "badY", HEIGHT - ok - bad, "badHeight", bad,
                    "label", hour.start() + ": " + hour.succeeded() + " succeeded, " + hour.failed() + " failed"));
        }
        return bars;
    }

    /** Where each of the 7 days starts on the x axis, with its date. */
    static List<Map<String, Object>> days(Instant now) {
        Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1L));
        List<Map<String, Object>> days = new ArrayList<>();
        Instant day = first.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        for (; day.isBefore(now); day = day.plus(Duration.ofDays(1))) {
            days.add(Map.of("x", Duration.between(first, day).toHours() * BAR_WIDTH, "date", day.toString().substring(5, 10)));
        }
        return days;
    }

    /**
     * The median and 95th percentile of these response times (nearest rank), as "12 ms"; empty
     * without any. Read from the newest page of the log: what an operator looks at is now.
     */
    static Map<String, Object> latency(List<Long> millis) {
        if (millis.isEmpty()) {
            return Map.of();
        }
        List<Long> sorted = millis.stream().sorted().toList();
        return Map.of("count", sorted.size(), "p50", rank(sorted, 50) + " ms", "p95", rank(sorted, 95) + " ms");
    }

    private static long rank(List<Long> sorted, int percentile) {
        return sorted.get((int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
    }
}
