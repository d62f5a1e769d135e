package io.hookline.schemas.principal;

import io.hookline.schemas.avro.Principal;

/**
 * A user as the API shows it ({@code GET /v4/users}) and as the audit log records it, whoever made the user:
 * never the key, only whether there is a working one.
 */
public record UserView(String id, String teamId, String email, String role, String keyStatus, String createdAt) {

    public static UserView of(Principal principal) {
        return new UserView(principal.getUserId(), principal.getTeamId(), principal.getEmail(), principal.getRole().name(),
                principal.getKeyHash() == null ? "revoked" : "active", principal.getCreatedAt().toString());
    }
}
