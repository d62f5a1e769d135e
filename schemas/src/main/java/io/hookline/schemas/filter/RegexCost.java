package io.hookline.schemas.filter;

/**
 * An upper estimate of the size of the program RE2 compiles a pattern to. RE2 matches in time linear
 * in the input, but times the program's size, and counted repetitions multiply it: {@code (a{1000}){1000}}
 * is a million instructions. Each atom (a character, an escape, a class, a group) costs its size, and a
 * count {@code {n,m}} multiplies the atom before it by its largest bound.
 */
final class RegexCost {

    private final String pattern;
    private int at;

    private RegexCost(String pattern) {
        this.pattern = pattern;
    }

    static long of(String pattern) {
        return new RegexCost(pattern).sequence();
    }

    /** Atoms up to the end or the {@code )} closing the current group; alternatives add up. */
    private long sequence() {
        long total = 0;
        long last = 0;
        while (at < pattern.length()) {
            char c = pattern.charAt(at);
            if (c == ')') {
                return total;
            }
            if (c == '{' && count() >= 0) {
                long times = count();
                skipCount();
                total += last * (times - 1);
                last *= times;
                continue;
            }
            last = atom();
            total += last;
        }
        return total;
    }

    private long atom() {
        char c = pattern.charAt(at++);
        switch (c) {
            case '\\' -> {
                if (at < pattern.length() && (pattern.charAt(at) == 'p' || pattern.charAt(at) == 'P')
                        && at + 1 < pattern.length() && pattern.charAt(at + 1) == '{') {
                    int close = pattern.indexOf('}', at);
                    at = close < 0 ? pattern.length() : close + 1;
                } else {
                    at = Math.min(at + 1, pattern.length());
                }
                return 1;
            }
            case '[' -> {
                skipClass();
                return 1;
            }
            case '(' -> {
                long inner = sequence();
                at = Math.min(at + 1, pattern.length()); // the ')'
                return Math.max(inner, 1);
            }
            case '*', '+', '?', '|' -> {
                return 1;
            }
            default -> {
                return 1;
            }
        }
    }

    private void skipClass() {
        if (at < pattern.length() && pattern.charAt(at) == '^') {
            at++;
        }
        if (at < pattern.length() && pattern.charAt(at) == ']') {
            at++;
        }
        while (at < pattern.length() && pattern.charAt(at) != ']') {
            if (pattern.charAt(at) == '\\') {
                at++;
            } else if (pattern.startsWith("[:", at)) {
                int close = pattern.indexOf(":]", at + 2);
                at = close < 0 ? at : close + 1;
            }
            at++;
        }
        at = Math.min(at + 1, pattern.length());
    }

    /** The largest bound of a count {@code {n}}, {@code {n,}} ({@code n + 1}) or {@code {n,m}} at the cursor; -1 when it is a literal brace. */
    private long count() {
        int close = pattern.indexOf('}', at);
        if (close < 0) {
            return -1;
        }
        String body = pattern.substring(at + 1, close);
        if (!body.matches("[0-9]{1,4}(,[0-9]{0,4})?")) {
            return -1;
        }
        String[] bounds = body.split(",", -1);
        if (bounds.length == 1) {
            return Long.parseLong(bounds[0]);
        }
        return bounds[1].isEmpty() ? Long.parseLong(bounds[0]) + 1 : Long.parseLong(bounds[1]);
    }

    private void skipCount() {
        at = pattern.indexOf('}', at) + 1;
    }
}
