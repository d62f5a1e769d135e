package io.hookline.gateway.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * An opaque list position: the (creation time, id) of the last item of a page. Lists are ordered
 * newest first with the id as tie-breaker, so the next page is what sorts strictly after it.
 */
public record Cursor(Instant createdAt, String id) {

    /** Newest first, then id descending: a total, stable order. */
    public static final Comparator<Cursor> NEWEST_FIRST =
            Comparator.comparing(Cursor::createdAt).thenComparing(Cursor::id).reversed();

    public String encode() {
        String plain = createdAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ApiException 422 naming {@code cursor} when the text is not a cursor this API issued */
    public static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon < 1 || colon == plain.length() - 1) {
                throw new IllegalArgumentException("no separator");
            }
            return new Cursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))), plain.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("cursor", "is not a cursor returned by this API");
        }
    }

    /** Whether an item at this position comes after the cursor in list order. */
    public boolean isBefore(Cursor item) {
        return NEWEST_FIRST.compare(this, item) < 0;
    }
}
