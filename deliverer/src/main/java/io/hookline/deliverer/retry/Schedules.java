package io.hookline.deliverer.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses retry schedules as API.md writes them ({@code "5s", "5m", "30m", "2h"}), within the
 * gateway's limits: a step waits at most {@link #MAX_STEP}, a schedule at most {@link #MAX_TOTAL}.
 * The gateway refuses longer ones, but tasks written before that rule may still be on the topics,
 * so the deliverer clamps too: a waiting retry must never outlive the retry topic's retention.
 */
public final class Schedules {

    /** The default exponential schedule of API.md (Svix's and Standard Webhooks' one). */
    public static final List<Duration> DEFAULT = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    public static final Duration MAX_STEP = Duration.ofHours(24);
    public static final Duration MAX_TOTAL = Duration.ofDays(7);

    private static final Pattern STEP = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Schedules() {
    }

    /**
     * The schedule's waits; an empty or absent schedule means {@link #DEFAULT}. Steps over a day
     * wait a day; the steps that would take the schedule past a week are dropped.
     */
    public static List<Duration> parse(List<String> steps) {
        if (steps == null || steps.isEmpty()) {
            return DEFAULT;
        }
        List<Duration> waits = new ArrayList<>(steps.size());
        Duration total = Duration.ZERO;
        for (String text : steps) {
            Duration wait = step(text);
            wait = wait.compareTo(MAX_STEP) > 0 ? MAX_STEP : wait;
            total = total.plus(wait);
            if (total.compareTo(MAX_TOTAL) > 0) {
                break;
            }
            waits.add(wait);
        }
        return List.copyOf(waits);
    }

    /** One wait such as {@code 5s}; also ISO-8601 ({@code PT5S}). */
    public static Duration step(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = STEP.matcher(trimmed);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    }
}
