package io.hookline.gateway.console;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.web.server.ServerWebExchange;

/**
 * One signed-in browser: the API key it signed in with (checked again on every request, so that a
 * revoked key ends the session), its CSRF token, and a message for the next page (post/redirect/get).
 * {@link #toString()} shows neither key nor token.
 */
final class ConsoleSession {

    static final String ATTRIBUTE = ConsoleSession.class.getName();

    private final String id;
    private final String apiKey;
    private final String csrfToken;
    private final Instant createdAt;
    private volatile Instant lastSeen;
    private final PortalLinks.Link portal;
    private final AtomicReference<Flash> flash = new AtomicReference<>();

    /** @param apiKey the key signed in with, or null for a session opened by a portal link */
    ConsoleSession(String id, String apiKey, PortalLinks.Link portal, String csrfToken, Instant createdAt) {
        this.id = id;
        this.apiKey = apiKey;
        this.portal = portal;
        this.csrfToken = csrfToken;
        this.createdAt = createdAt;
        this.lastSeen = createdAt;
    }

    static ConsoleSession of(ServerWebExchange exchange) {
        ConsoleSession session = exchange.getAttribute(ATTRIBUTE);
        if (session == null) {
            // ConsoleFilter signs in every page but the sign-in page; reaching this is a wiring bug
            throw new IllegalStateException("No console session on " + exchange.getRequest().getPath());
        }
        return session;
    }

    String id() {
        return id;
    }

    String apiKey() {
        return apiKey;
    }

    /** The portal link this session was opened with, or null for a signed-in user. */
    PortalLinks.Link portal() {
        return portal;
    }

    /** Whether this session may see the webhook: all of the team's, or a portal link's own. */
    boolean covers(String webhookId) {
        return portal == null || portal.covers(webhookId);
    }

    String csrfToken() {
        return csrfToken;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void seen(Instant now) {
        lastSeen = now;
    }

    /** Keeps a message for the next page this session renders. */
    void flash(Flash message) {
        flash.set(message);
    }

    /** The message kept for this page, once. */
    Flash takeFlash() {
        return flash.getAndSet(null);
    }

    @Override
    public String toString() {
        return "ConsoleSession[createdAt=" + createdAt + "]";
    }

    /**
     * A message shown once at the top of the next page.
     *
     * @param secretLabel what {@code secret} is ("Signing secret", "API key"), or null
     * @param secret a secret to show this once (after creation or rotation), or null
     */
    record Flash(Kind kind, String message, String secretLabel, String secret) {

        enum Kind { SUCCESS, ERROR }

        static Flash success(String message) {
            return new Flash(Kind.SUCCESS, message, null, null);
        }

        static Flash error(String message) {
            return new Flash(Kind.ERROR, message, null, null);
        }

        static Flash secret(String message, String secretLabel, String secret) {
            return new Flash(Kind.SUCCESS, message, secretLabel, secret);
        }

        boolean isError() {
            return kind == Kind.ERROR;
        }

        @Override
        public String toString() {
            return "Flash[" + kind + "]";
        }
    }
}
