package io.hookline.gateway.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.principal.UserView;

/**
 * A user as the API shows it. {@code apiKey} is present only in the answer that issued the key
 * (creation, rotation); {@code keyStatus} says whether the user has a working key at all.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UserJson(String id, String teamId, String email, String role, String keyStatus, String createdAt, String apiKey) {

    static UserJson from(Principal principal) {
        UserView user = UserView.of(principal);
        return new UserJson(user.id(), user.teamId(), user.email(), user.role(), user.keyStatus(), user.createdAt(), null);
    }

    UserJson withApiKey(String key) {
        return new UserJson(id, teamId, email, role, keyStatus, createdAt, key);
    }
}
