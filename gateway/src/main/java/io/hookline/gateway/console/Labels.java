package io.hookline.gateway.console;

import io.hookline.schemas.avro.CircuitState;
import io.hookline.schemas.avro.EndpointCircuit;
import io.hookline.schemas.states.AttemptStatus;
import io.hookline.schemas.states.WebhookStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's words for the API's values: statuses as the admin guide names them, and the event
 * catalog grouped by the guide's categories (a type's category is the part before its first dot).
 */
final class Labels {

    /** The guide's categories, in its order; types of any other prefix (custom ones) come after, under "Custom". */
    static final Map<String, String> CATEGORIES = categories();
    static final String CUSTOM = "Custom";

    private Labels() {
    }

    /** A webhook's status: Active, Disabled, Verification failed, Pending verification. */
    static String webhookStatus(String status) {
        return WebhookStatus.of(status).map(known -> switch (known) {
            case ACTIVE -> "Active";
            case DISABLED -> "Disabled";
            case VERIFICATION_FAILED -> "Verification failed";
            case PENDING_VERIFICATION -> "Pending verification";
            case DELETED -> status;
        }).orElse(status); // a value this build does not know is shown as it is
    }

    /** A delivery's or attempt's status: Success, Failed, Pending, Retrying, Skipped. */
    static String deliveryStatus(String status) {
        return AttemptStatus.of(status).map(known -> switch (known) {
            case SUCCEEDED -> "Success";
            case FAILED -> "Failed";
            case PENDING -> "Pending";
            case RETRYING -> "Retrying";
            case SKIPPED -> "Skipped";
        }).orElse(status); // a value this build does not know is shown as it is
    }

    /** The guide's category of an event type. */
    static String category(String type) {
        int dot = type.indexOf('.');
        return dot < 0 ? CUSTOM : CATEGORIES.getOrDefault(type.substring(0, dot), CUSTOM);
    }

    /**
     * The types grouped by category, in the guide's order. {@code webhook.*} types are the platform's
     * own (verification, tests) and nobody subscribes to them.
     */
    static List<Group> groups(List<String> types) {
        Map<String, List<String>> byCategory = new LinkedHashMap<>();
        CATEGORIES.values().forEach(c -> byCategory.put(c, new ArrayList<>()));
        byCategory.put(CUSTOM, new ArrayList<>());
        types.stream().filter(t -> !t.startsWith("webhook.")).forEach(t -> byCategory.get(category(t)).add(t));
        return byCategory.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(e -> new Group(e.getKey(), e.getValue())).toList();
    }

    /** The share of succeeded among succeeded and failed attempts, as "97%"; "–" without any. */
    /**
     * The endpoint's circuit as the details page says it: closed (deliveries flow) unless a deliverer
     * opened it; an open one says since when and after how many failures, and when the next probe goes.
     */
    static String circuit(java.util.Optional<EndpointCircuit> circuit, java.time.Instant now) {
        if (circuit.isEmpty() || circuit.get().getState() == CircuitState.CLOSED) {
            return "Circuit closed: deliveries are sent as they come";
        }
        EndpointCircuit open = circuit.get();
        String failing = open.getConsecutiveFailures() + " failed attempts in a row"
                + (open.getFailingSince() == null ? "" : " since " + open.getFailingSince());
        if (open.getOpenUntil() == null || !open.getOpenUntil().isAfter(now)) {
            return "Circuit open after " + failing + ": the next delivery is sent as a probe; a success closes it";
        }
        return "Circuit open after " + failing + ": deliveries wait until " + open.getOpenUntil()
                + ", then one is sent as a probe; a success closes it";
    }

    static String successRate(long succeeded, long failed) {
        long total = succeeded + failed;
        return total == 0 ? "–" : Math.round(100.0 * succeeded / total) + "%";
    }

    /** One category and its types. */
    record Group(String name, List<String> types) {

        /** As templates read it (their expression language reads maps, not records). */
        Map<String, Object> view() {
            return Map.of("name", name, "types", types);
        }
    }

    private static Map<String, String> categories() {
        Map<String, String> categories = new LinkedHashMap<>();
        categories.put("acronym", "Acronym");
        categories.put("category", "Category");
        categories.put("user", "User");
        categories.put("collection", "Collection");
        categories.put("import", "Bulk Import");
        return java.util.Collections.unmodifiableMap(categories);
    }
}
