package io.hookline.gateway.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Portal links: single-use URLs that open the console for one team, scoped to some of its webhooks,
 * without an API key. Only the SHA-256 of a link's token is kept. Like the console's sessions they
 * live in this gateway's memory: a link works on the gateway that issued it, until it restarts.
 */
final class PortalLinks {

    static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);
    static final Duration MAX_EXPIRY = Duration.ofDays(7);

    private final Map<String, Link> byId = new ConcurrentHashMap<>();
    private final Map<String, Link> byTokenHash = new ConcurrentHashMap<>();
    private final Clock clock;

    PortalLinks(Clock clock) {
        this.clock = clock;
    }

    /** A new link; its token (for the URL) is returned this once. */
    Issued issue(String teamId, List<String> webhookIds, boolean readOnly, Duration expiresIn) {
        Instant now = clock.instant();
        byId.values().removeIf(link -> !now.isBefore(link.expiresAt()));
        byTokenHash.values().removeIf(link -> !now.isBefore(link.expiresAt()));
        String token = ConsoleSessions.token();
        Link link = new Link("pl_" + ConsoleSessions.token().substring(0, 24), teamId, List.copyOf(webhookIds), readOnly, now.plus(expiresIn),
                new AtomicBoolean(), new AtomicBoolean());
        byId.put(link.id(), link);
        byTokenHash.put(hash(token), link);
        return new Issued(link, token);
    }

    /** The link of this token if it may be opened now; it cannot be opened again. */
    Optional<Link> open(String token) {
        Link link = token == null ? null : byTokenHash.get(hash(token));
        if (link == null || !link.live(clock.instant()) || !link.used().compareAndSet(false, true)) {
            return Optional.empty();
        }
        return Optional.of(link);
    }

    /** The team's link; empty for unknown and other teams' links alike. */
    Optional<Link> find(String teamId, String id) {
        return Optional.ofNullable(byId.get(id)).filter(link -> link.teamId().equals(teamId));
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * One link. {@code webhookIds} empty means all of the team's webhooks; {@code readOnly} makes its
     * sessions a member's, otherwise an admin's (for those webhooks only).
     */
    record Link(String id, String teamId, List<String> webhookIds, boolean readOnly, Instant expiresAt, AtomicBoolean used,
            AtomicBoolean revoked) {

        /** Not revoked and not expired: its sessions may go on. */
        boolean live(Instant now) {
            return !revoked.get() && now.isBefore(expiresAt);
        }

        boolean covers(String webhookId) {
            return webhookIds.isEmpty() || webhookIds.contains(webhookId);
        }

        String status(Instant now) {
            return revoked.get() ? "revoked" : !now.isBefore(expiresAt) ? "expired" : used.get() ? "used" : "unused";
        }
    }

    record Issued(Link link, String token) {
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
