package io.hookline.gateway.webhook;

import io.hookline.gateway.event.EventTypes;
import io.hookline.gateway.web.Problems;
import io.hookline.schemas.states.ReservedEventTypes;
import io.hookline.schemas.states.Ordering;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a {@code POST /v4/webhooks} body and lists every problem at once. Resolves the URL's host,
 * so it blocks: call it off the event loop.
 */
final class WebhookRequestValidator {

    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_SCHEDULE = 20;
    static final String ALL_EVENTS = ReservedEventTypes.ALL;
    static final int MAX_RATE_LIMIT = 100_000;
    private static final Set<String> FIELDS = Set.of("url", "events", "description", "retryPolicy", "sendPlaintextSecret",
            "rateLimitPerSecond", "ordering", "filter", "headers");
    private static final Set<String> PATCH_FIELDS = Set.of("events", "description", "retryPolicy", "rateLimitPerSecond", "ordering",
            "filter", "headers");
    private static final Set<String> RETRY_FIELDS = Set.of("mode", "schedule");
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})([smhd])");
    /** One wait at most a day and a whole schedule at most a week: a retry waits in hookline.delivery-retries, kept 7 days. */
    static final Duration MAX_STEP = Duration.ofHours(24);
    static final Duration MAX_SCHEDULE_TOTAL = Duration.ofDays(7);

    private final EventTypes catalog;
    private final UrlChecker urls;

    WebhookRequestValidator(EventTypes catalog, UrlChecker urls) {
        this.catalog = catalog;
        this.urls = urls;
    }

    /** @throws io.hookline.gateway.web.ApiException 422 listing every problem */
    NewWebhook validate(String teamId, JsonNode body) {
        Problems problems = new Problems();
        if (!body.isObject()) {
            problems.add("body", "must be a JSON object");
            problems.throwIfAny();
        }
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                problems.add(name, "is not a field of a webhook (url, events, description, retryPolicy, sendPlaintextSecret, "
                        + "rateLimitPerSecond, ordering, filter, headers)");
            }
        }
        String url = url(body.get("url"), problems);
        List<String> events = events(teamId, body.get("events"), problems);
        String description = description(body.get("description"), problems);
        RetryPolicyJson retryPolicy = retryPolicy(body.get("retryPolicy"), problems);
        boolean sendPlaintextSecret = false;
        JsonNode plaintext = body.get("sendPlaintextSecret");
        if (plaintext != null && !plaintext.isNull()) {
            if (plaintext.isBoolean()) {
                sendPlaintextSecret = plaintext.booleanValue();
            } else {
                problems.add("sendPlaintextSecret", "must be true or false");
            }
        }
        Integer rateLimit = rateLimit(body.get("rateLimitPerSecond"), problems);
        Ordering ordering = ordering(body.get("ordering"), problems);
        String filter = FilterAndHeaders.filter(body.get("filter"), problems);
        Map<String, String> headers = FilterAndHeaders.headers(body.get("headers"), problems);
        problems.throwIfAny();
        return new NewWebhook(url, events, description, retryPolicy, sendPlaintextSecret, rateLimit, ordering == null ? Ordering.CONCURRENT : ordering,
                filter, headers);
    }

    /**
     * Checks a {@code PATCH /v4/webhooks/{id}} body: only the fields present change; {@code url} is immutable.
     *
     * @throws io.hookline.gateway.web.ApiException 422 listing every problem
     */
    WebhookPatch validatePatch(String teamId, JsonNode body) {
        Problems problems = new Problems();
        if (!body.isObject()) {
            problems.add("body", "must be a JSON object");
            problems.throwIfAny();
        }
        for (String name : body.propertyNames()) {
            if (name.equals("url")) {
                problems.add("url", "url is immutable: delete and recreate");
            } else if (!PATCH_FIELDS.contains(name)) {
                problems.add(name, "cannot be changed (changeable: events, description, retryPolicy, rateLimitPerSecond, ordering, "
                        + "filter, headers)");
            }
        }
        List<String> events = body.has("events") ? events(teamId, body.get("events"), problems) : null;
        String description = description(body.get("description"), problems);
        RetryPolicyJson retryPolicy = body.has("retryPolicy") ? retryPolicy(body.get("retryPolicy"), problems) : null;
        Integer rateLimit = rateLimit(body.get("rateLimitPerSecond"), problems);
        Ordering ordering = ordering(body.get("ordering"), problems);
        String filter = FilterAndHeaders.filter(body.get("filter"), problems);
        Map<String, String> headers = body.has("headers") ? FilterAndHeaders.headers(body.get("headers"), problems) : null;
        problems.throwIfAny();
        return new WebhookPatch(events, body.has("description"), description, retryPolicy,
                body.has("rateLimitPerSecond"), rateLimit, ordering, body.has("filter"), filter, headers);
    }

    private static Integer rateLimit(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isInt() || node.intValue() < 1 || node.intValue() > MAX_RATE_LIMIT) {
            problems.add("rateLimitPerSecond", "must be a whole number from 1 to " + MAX_RATE_LIMIT + ", or null for no limit");
            return null;
        }
        return node.intValue();
    }

    private static Ordering ordering(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        Optional<Ordering> ordering = node.isString() ? Ordering.of(node.stringValue()) : Optional.empty();
        if (ordering.isEmpty()) {
            problems.add("ordering", "must be \"concurrent\" or \"fifo\"");
            return null;
        }
        return ordering.get();
    }

    private String url(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            problems.add("url", "is required");
            return null;
        }
        if (!node.isString()) {
            problems.add("url", "must be a string");
            return null;
        }
        String url = node.stringValue().trim();
        urls.problem(url).ifPresent(problem -> problems.add("url", problem));
        return url;
    }

    private List<String> events(String teamId, JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            problems.add("events", "is required: a list of event types, or [\"*\"] for all");
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.add("events", "must be a non-empty list of event types, or [\"*\"] for all");
            return List.of();
        }
        Set<String> events = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            String field = "events[" + i + "]";
            if (!element.isString()) {
                problems.add(field, "must be a string");
            } else if (element.stringValue().equals(ALL_EVENTS)) {
                events.add(ALL_EVENTS);
            } else if (!catalog.contains(teamId, element.stringValue())) {
                problems.add(field, "'" + element.stringValue() + "' is not an event type of the catalog (see GET /v4/event-types)");
            } else {
                events.add(element.stringValue());
            }
        }
        boolean star = node.valueStream().anyMatch(e -> e.isString() && e.stringValue().equals(ALL_EVENTS));
        if (star && node.size() > 1) {
            problems.add("events", "\"*\" means all events and must be the only entry");
        }
        return new ArrayList<>(events);
    }

    private static String description(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            problems.add("description", "must be a string");
            return null;
        }
        if (node.stringValue().length() > MAX_DESCRIPTION) {
            problems.add("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        return node.stringValue();
    }

    private static RetryPolicyJson retryPolicy(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return RetryPolicyJson.none();
        }
        if (!node.isObject()) {
            problems.add("retryPolicy", "must be an object such as {\"mode\": \"exponential\"}");
            return null;
        }
        for (String name : node.propertyNames()) {
            if (!RETRY_FIELDS.contains(name)) {
                problems.add("retryPolicy." + name, "is not a field of a retry policy (mode, schedule)");
            }
        }
        JsonNode mode = node.get("mode");
        JsonNode schedule = node.get("schedule");
        if (mode == null || !mode.isString()
                || !(mode.stringValue().equals(RetryPolicyJson.NONE) || mode.stringValue().equals(RetryPolicyJson.EXPONENTIAL))) {
            problems.add("retryPolicy.mode", "must be \"none\" or \"exponential\"");
            return null;
        }
        if (mode.stringValue().equals(RetryPolicyJson.NONE)) {
            if (schedule != null && !schedule.isNull()) {
                problems.add("retryPolicy.schedule", "is only allowed with mode \"exponential\"");
            }
            return RetryPolicyJson.none();
        }
        if (schedule == null || schedule.isNull()) {
            return new RetryPolicyJson(RetryPolicyJson.EXPONENTIAL, RetryPolicyJson.DEFAULT_SCHEDULE);
        }
        return new RetryPolicyJson(RetryPolicyJson.EXPONENTIAL, schedule(schedule, problems));
    }

    private static List<String> schedule(JsonNode node, Problems problems) {
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_SCHEDULE) {
            problems.add("retryPolicy.schedule", "must be a list of 1 to " + MAX_SCHEDULE + " waits such as [\"5s\", \"5m\", \"2h\", \"1d\"]");
            return List.of();
        }
        List<String> waits = new ArrayList<>();
        Duration total = Duration.ZERO;
        for (int i = 0; i < node.size(); i++) {
            JsonNode wait = node.get(i);
            Matcher m = wait.isString() ? DURATION.matcher(wait.stringValue()) : null;
            if (m == null || !m.matches()) {
                problems.add("retryPolicy.schedule[" + i + "]", "must be a wait such as 5s, 5m, 2h or 1d");
                continue;
            }
            Duration step = step(Long.parseLong(m.group(1)), m.group(2));
            if (step.compareTo(MAX_STEP) > 0) {
                problems.add("retryPolicy.schedule[" + i + "]", "waits " + wait.stringValue() + "; a step waits at most 24h");
                continue;
            }
            total = total.plus(step);
            waits.add(wait.stringValue());
        }
        if (total.compareTo(MAX_SCHEDULE_TOTAL) > 0) {
            problems.add("retryPolicy.schedule", "waits " + total.toHours() + "h in all; a whole schedule waits at most 7d");
        }
        return waits;
    }

    private static Duration step(long n, String unit) {
        return switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
