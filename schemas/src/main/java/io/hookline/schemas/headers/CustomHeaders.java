package io.hookline.schemas.headers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules for a webhook's custom headers (API.md, "Custom headers"), checked by the gateway when a
 * webhook is created or changed and again by the deliverer before it sends them. Headers Hookline
 * sets itself (the signature, the body's type, the host) or that steer the connection cannot be set,
 * so a custom header can neither forge nor break a delivery.
 */
public final class CustomHeaders {

    public static final int MAX_COUNT = 20;
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 1024;
    /** Names and values together. */
    public static final int MAX_TOTAL = 8192;

    private static final Set<String> OWNED = Set.of("host", "user-agent", "x-webhook-secret",
            // the W3C trace context of the event (or of the attempt's span): a webhook must not forge it
            "traceparent", "tracestate",
            // hop-by-hop (RFC 7230 6.1) and the framing of the body: the HTTP client's, not a webhook's
            "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "expect");
    private static final List<String> OWNED_PREFIXES = List.of("content-", "webhook-", "x-define-", "proxy-");
    private static final String TCHAR = "!#$%&'*+-.^_`|~";

    /** One thing wrong with the headers; {@code field} is {@code headers} or {@code headers.<name>}. */
    public record Problem(String field, String problem) {
    }

    private CustomHeaders() {
    }

    /** Every problem with these headers; none when they may be sent. */
    public static List<Problem> problems(Map<String, String> headers) {
        List<Problem> problems = new ArrayList<>();
        if (headers.size() > MAX_COUNT) {
            problems.add(new Problem("headers", "has " + headers.size() + " headers; a webhook has at most " + MAX_COUNT));
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String field = "headers." + name;
            String nameProblem = nameProblem(name);
            if (nameProblem != null) {
                problems.add(new Problem(field, nameProblem));
            } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                problems.add(new Problem(field, "is given twice (header names are case-insensitive)"));
            }
            String value = header.getValue();
            if (value == null) {
                problems.add(new Problem(field, "must be a string"));
                continue;
            }
            String valueProblem = valueProblem(value);
            if (valueProblem != null) {
                problems.add(new Problem(field, valueProblem));
            }
            total += name.length() + value.length();
        }
        if (total > MAX_TOTAL) {
            problems.add(new Problem("headers", "hold " + total + " characters in names and values; at most " + MAX_TOTAL));
        }
        return problems;
    }

    /** Whether Hookline or the HTTP connection owns this header, whatever its case. */
    public static boolean owned(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return OWNED.contains(lower) || OWNED_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    private static String nameProblem(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return "a header name has 1 to " + MAX_NAME_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TCHAR.indexOf(c) >= 0;
            if (!token) {
                return "is not a header name: a name is an RFC 7230 token (letters, digits and !#$%&'*+-.^_`|~)";
            }
        }
        if (owned(name)) {
            return "is set by Hookline or by the HTTP connection and cannot be set: Host, User-Agent, Content-*, webhook-*, "
                    + "X-Define-*, X-Webhook-Secret, traceparent, tracestate and the hop-by-hop headers (Connection, Keep-Alive, Proxy-*, TE, Trailer, "
                    + "Transfer-Encoding, Upgrade, Expect)";
        }
        return null;
    }

    private static String valueProblem(String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            return "is " + value.length() + " characters long; a value has at most " + MAX_VALUE_LENGTH;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return "must not contain CR, LF or NUL (a header value is one line)";
            }
            if ((c < 0x20 && c != '\t') || c >= 0x7F) {
                return "must be printable ASCII (a space and tabs allowed); encode other text, for example as percent-encoded UTF-8";
            }
        }
        if (!value.equals(value.strip())) {
            return "must not start or end with whitespace (HTTP would strip it)";
        }
        return null;
    }
}
