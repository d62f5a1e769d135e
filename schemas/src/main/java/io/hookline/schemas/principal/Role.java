package io.hookline.schemas.principal;

import io.hookline.schemas.avro.RoleSymbol;
import io.hookline.schemas.states.WireValue;
import java.util.Locale;
import java.util.Optional;

/** A user's role in their team (API.md, "Auth"). */
public enum Role implements WireValue<RoleSymbol> {
    OWNER, ADMIN, MEMBER;

    /** The role a client names (in any case), or empty for a value we do not know. */
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

    /** The role a record's symbol stands for; empty for null and for {@code unknown}, a role this build does not know. */
    public static Optional<Role> of(RoleSymbol symbol) {
        return WireValue.of(Role.class, symbol);
    }

    @Override
    public Class<RoleSymbol> symbolType() {
        return RoleSymbol.class;
    }

    /** Webhook management needs admin or owner. */
    public boolean canManage() {
        return this == OWNER || this == ADMIN;
    }
}
