package io.hookline.gateway.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A time given in a query parameter or body field: RFC 3339, or a problem naming the field. */
public final class QueryTime {

    private QueryTime() {
    }

    /** Empty for an absent or empty text; a problem (and empty) for one that is not RFC 3339. */
    public static Optional<Instant> parse(String field, String text, Problems problems) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            problems.add(field, "must be an RFC 3339 timestamp such as 2026-03-28T10:15:00Z");
            return Optional.empty();
        }
    }
}
