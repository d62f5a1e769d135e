package io.hookline.executor.run;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces the values of a request's {@code environmentVariables} (and the dataset's own key) with
 * {@value #MASK} in anything stored or logged. Longest values first, so one value that contains
 * another is masked whole. Values shorter than {@value #MIN_LENGTH} characters are left alone:
 * masking every {@code "1"} of a {@code DEBUG=1} would destroy the log and protects nothing.
 */
public final class Redactor {

    static final String MASK = "[REDACTED]";
    static final int MIN_LENGTH = 4;

    private final List<String> values;

    public Redactor(Collection<String> secrets) {
        this.values = secrets.stream()
                .filter(value -> value != null && value.length() >= MIN_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : values) {
            result = result.replace(value, MASK);
        }
        return result;
    }
}
