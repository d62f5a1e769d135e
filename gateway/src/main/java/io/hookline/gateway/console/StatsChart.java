package io.hookline.gateway.console;

import io.hookline.gateway.deliverylog.DeliveryStats;
import io.hookline.gateway.deliverylog.Latencies;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The details page's charts of succeeded and failed attempts per hour over 7 days, and of the
 * attempts' latency per hour, as the numbers of inline SVGs the template draws: no script, no image
 * request, nothing but numbers in the markup.
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
     * The median and 95th percentile of the attempts sent in the last 24 hours and the last 7 days
     * (whole hours, from the index's per-hour histograms), as the details page says them; "–" without any.
     */
    static String latency(List<DeliveryStats.Hour> hours, Instant now) {
        Instant dayStart = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));
        Latencies day = Latencies.empty();
        Latencies week = Latencies.empty();
        for (DeliveryStats.Hour hour : hours) {
            week = week.plus(hour.latencies());
            if (!hour.start().isBefore(dayStart)) {
                day = day.plus(hour.latencies());
            }
        }
        return week.count() == 0 ? "–" : "last 24 h: " + summary(day) + "; last 7 days: " + summary(week);
    }

    private static String summary(Latencies latencies) {
        if (latencies.count() == 0) {
            return "no attempts";
        }
        long n = latencies.count();
        return "median ≈ " + latencies.percentile(50).getAsLong() + " ms, 95th percentile ≈ " + latencies.percentile(95).getAsLong()
                + " ms (" + n + (n == 1 ? " attempt)" : " attempts)");
    }

    /**
     * The latency chart: per hour with attempts, its {@code x}, the {@code y} of its median and 95th
     * percentile on a scale whose top is the week's highest 95th percentile, and a {@code label}; plus the
     * two lines' {@code points} and the scale's {@code top}. Empty without attempts.
     */
    static Map<String, Object> latencyChart(List<DeliveryStats.Hour> hours, Instant now) {
        Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1L));
        List<DeliveryStats.Hour> shown = hours.stream()
                .filter(h -> h.latencies().count() > 0)
                .filter(h -> !h.start().isBefore(first) && Duration.between(first, h.start()).toHours() < HOURS)
                .toList();
        if (shown.isEmpty()) {
            return Map.of();
        }
        long top = Math.max(1, shown.stream().mapToLong(h -> h.latencies().percentile(95).getAsLong()).max().orElse(1));
        List<Map<String, Object>> points = new ArrayList<>();
        StringBuilder p50 = new StringBuilder();
        StringBuilder p95 = new StringBuilder();
        for (DeliveryStats.Hour hour : shown) {
            double x = Duration.between(first, hour.start()).toHours() * BAR_WIDTH + 1.5;
            long median = hour.latencies().percentile(50).getAsLong();
            long high = hour.latencies().percentile(95).getAsLong();
            double y50 = HEIGHT - (double) HEIGHT * median / top;
            double y95 = HEIGHT - (double) HEIGHT * high / top;
            p50.append(p50.isEmpty() ? "" : " ").append(x).append(',').append(y50);
            p95.append(p95.isEmpty() ? "" : " ").append(x).append(',').append(y95);
            points.add(Map.of("x", x, "y50", y50, "y95", y95, "label", hour.start() + ": median ≈ " + median + " ms, 95th percentile ≈ "
                    + high + " ms (" + hour.latencies().count() + " attempts)"));
        }
        return Map.of("points", points, "p50", p50.toString(), "p95", p95.toString(), "top", top + " ms");
    }
}
