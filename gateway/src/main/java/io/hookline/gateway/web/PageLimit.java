package io.hookline.gateway.web;

/** The {@code limit} query parameter of the list endpoints (webhooks, deliveries): 1 to 100, 50 when absent. */
public final class PageLimit {

    public static final int DEFAULT = 50;
    public static final int MAX = 100;

    private PageLimit() {
    }

    /** The limit asked for, or {@link #DEFAULT} (and a problem for {@code limit}) when it is out of range or not a number. */
    public static int parse(String text, Problems problems) {
        return parse(text, problems, DEFAULT, MAX);
    }

    /** The same for a list with limits of its own (table rows: 1 to 10,000). */
    public static int parse(String text, Problems problems, int defaultLimit, int max) {
        if (text == null) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("limit", "must be a whole number from 1 to " + max);
        return defaultLimit;
    }
}
