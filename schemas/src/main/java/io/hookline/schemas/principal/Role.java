package io.hookline.schemas.principal;

import java.util.Locale;
import java.util.Optional;

/** A user's role in their team (API.md, "Auth"). */
public enum Role {
    OWNER, ADMIN, MEMBER;

    /** The role as stored on the principals topic, or empty for a value we do not know. */
    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "owner" -> Optional.of(OWNER);
            case "admin" -> Optional.of(ADMIN);
            case "member" -> Optional.of(MEMBER);
            default -> Optional.empty();
        };
    }

    /** How the role is written on the principals topic. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Webhook management needs admin or owner. */
    public boolean canManage() {
        return this == OWNER || this == ADMIN;
    }
}
