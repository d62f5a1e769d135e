package io.hookline.gateway.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.charset.StandardCharsets;

/**
 * The console's sessions, in this gateway's memory: a restart (or another gateway behind a load
 * balancer without sticky sessions) means signing in again, which costs a user one paste of a key,
 * whereas a shared store would put every API key of a signed-in user into Kafka or a database.
 */
final class ConsoleSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Duration maxAge;
    private final Clock clock;

    ConsoleSessions(Duration idleTimeout, Duration maxAge, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** A new session for a key that was just checked; its id goes into the cookie. */
    ConsoleSession open(String apiKey) {
        return open(apiKey, null);
    }

    /** A new session opened by a portal link (no key): it lasts no longer than the link. */
    ConsoleSession open(PortalLinks.Link portal) {
        return open(null, portal);
    }

    private ConsoleSession open(String apiKey, PortalLinks.Link portal) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        ConsoleSession session = new ConsoleSession(token(), apiKey, portal, token(), now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, marked as used now; empty (and forgotten) once it expired. */
    Optional<ConsoleSession> touch(String id) {
        if (id == null) {
            return Optional.empty();
        }
        ConsoleSession session = sessions.get(id);
        Instant now = clock.instant();
        if (session == null) {
            return Optional.empty();
        }
        if (expired(session, now)) {
            sessions.remove(id, session);
            return Optional.empty();
        }
        session.seen(now);
        return Optional.of(session);
    }

    void close(String id) {
        sessions.remove(id);
    }

    /** 32 random bytes, base64url: session ids, CSRF tokens. */
    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Constant time, so that the time a wrong token takes tells nothing about the right one. */
    static boolean sameToken(String expected, String actual) {
        return expected != null && actual != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
    }

    private boolean expired(ConsoleSession session, Instant now) {
        return !now.isBefore(session.lastSeen().plus(idleTimeout)) || !now.isBefore(session.createdAt().plus(maxAge))
                || session.portal() != null && !session.portal().live(now);
    }
}
