package io.hookline.schemas.principal;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.Principal;
import java.time.Instant;

/**
 * Makes principals and their keys, for every way a user comes to exist or gets a new key: the
 * bootstrap owner, {@code POST /v4/users}, key rotation and the {@code hookline} CLI. Only the key's
 * hash goes into the principal; the key itself is returned once, for the caller to show.
 */
public final class Credentials {

    private Credentials() {
    }

    /** A new user of this team with a new key. */
    public static Issued newUser(String teamId, String email, Role role, Instant now) {
        ApiKey key = ApiKey.generate(Ids.random(Ids.USER));
        Principal principal = Principal.newBuilder()
                .setUserId(key.userId())
                .setTeamId(teamId)
                .setEmail(email)
                .setRole(role.symbol())
                .setKeyHash(key.hash())
                .setCreatedAt(now)
                .build();
        return new Issued(principal, key);
    }

    /** The same user with a new key: the old key stops working once this principal is stored. */
    public static Issued rotate(Principal existing) {
        ApiKey key = ApiKey.generate(existing.getUserId());
        return new Issued(Principal.newBuilder(existing).setKeyHash(key.hash()).build(), key);
    }

    /** The same user with no key at all: every request with their old key is a 401. */
    public static Principal revoke(Principal existing) {
        return Principal.newBuilder(existing).setKeyHash(null).build();
    }

    /** A principal to store and the key (shown once) that matches it. */
    public record Issued(Principal principal, ApiKey key) {
    }
}
