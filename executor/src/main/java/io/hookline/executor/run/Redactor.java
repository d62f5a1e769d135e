package io.hookline.executor.run;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces the values of a request's {@code environmentVariables} (and the dataset's own key) with
 * {@value #MASK} in anything stored or logged: each value as it is and in its escaped forms
 * ({@link EscapedForms}), longest first, so one value that contains another is masked whole. Values
 * shorter than {@value #MIN_LENGTH} characters are left alone: masking every {@code "1"} of a
 * {@code DEBUG=1} would destroy the log and protects nothing.
 *
 * <p>The output cap keeps the start of a stream, so a value it cut shows as a prefix of the value at the
 * very end of the text; such a prefix is masked from {@value #MIN_CUT_PREFIX} characters on. Shorter
 * prefixes give away little of a secret worth the name, and masking them would often hit an ordinary
 * ending of the output that merely looks like a value's first letters.
 */
public final class Redactor {

    static final String MASK = "[REDACTED]";
    static final int MIN_LENGTH = 4;
    static final int MIN_CUT_PREFIX = 8;
    private static final String CUT_CHARACTER = "\uFFFD";

    private final List<String> forms;

    public Redactor(Collection<String> secrets) {
        this.forms = secrets.stream()
                .filter(value -> value != null && value.length() >= MIN_LENGTH)
                .flatMap(value -> EscapedForms.of(value).stream())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String form : forms) {
            result = result.replace(form, MASK);
        }
        return maskCutValue(result);
    }

    private String maskCutValue(String text) {
        // the cap may also have cut a multi-byte character, which decodes as one replacement character
        boolean cutCharacter = text.endsWith(CUT_CHARACTER);
        String body = cutCharacter ? text.substring(0, text.length() - 1) : text;
        int longest = 0;
        for (String form : forms) {
            longest = Math.max(longest, cutPrefixLength(body, form));
        }
        if (longest == 0) {
            return text;
        }
        return body.substring(0, body.length() - longest) + MASK + (cutCharacter ? CUT_CHARACTER : "");
    }

    /** The length of the longest proper prefix of {@code form} that {@code text} ends with, if at least MIN_CUT_PREFIX; else 0. */
    private static int cutPrefixLength(String text, String form) {
        for (int start = Math.max(0, text.length() - form.length() + 1); start <= text.length() - MIN_CUT_PREFIX; start++) {
            int length = text.length() - start;
            if (text.charAt(start) == form.charAt(0) && form.regionMatches(0, text, start, length)) {
                return length;
            }
        }
        return 0;
    }
}
