package io.hookline.deliverer.retry;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses retry schedules as API.md writes them ({@code "5s", "5m", "30m", "2h"}). */
public final class Schedules {

    /** The default exponential schedule of API.md (Svix's and Standard Webhooks' one). */
    public static final List<Duration> DEFAULT = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    private static final Pattern STEP = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Schedules() {
    }

    /** The schedule's waits; an empty or absent schedule means {@link #DEFAULT}. */
    public static List<Duration> parse(List<String> steps) {
        if (steps == null || steps.isEmpty()) {
            return DEFAULT;
        }
        return steps.stream().map(Schedules::step).toList();
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
