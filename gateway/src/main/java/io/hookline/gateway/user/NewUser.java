package io.hookline.gateway.user;

import io.hookline.schemas.principal.Role;
import io.hookline.gateway.web.Problems;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** A valid {@code POST /v4/users} body: {@code {"email", "role"}}. */
record NewUser(String email, Role role) {

    static final int MAX_EMAIL_LENGTH = 254;
    // Deliberately loose: one '@', something on both sides, a dot in the domain. Mail delivery is not ours to judge.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** @throws io.hookline.gateway.web.ApiException 422 listing every problem of the body */
    static NewUser parse(JsonNode body) {
        Problems problems = new Problems();
        if (!body.isObject()) {
            problems.add("", "must be a JSON object with email and role");
            problems.throwIfAny();
        }
        JsonNode email = body.get("email");
        String emailText = null;
        if (email == null || email.isNull()) {
            problems.add("email", "is required");
        } else if (!email.isString()) {
            problems.add("email", "must be a string");
        } else if (email.stringValue().length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email.stringValue()).matches()) {
            problems.add("email", "must be an email address of at most " + MAX_EMAIL_LENGTH + " characters");
        } else {
            emailText = email.stringValue();
        }
        JsonNode role = body.get("role");
        Optional<Role> parsed = Optional.empty();
        if (role == null || role.isNull()) {
            problems.add("role", "is required");
        } else if (!role.isString() || (parsed = Role.parse(role.stringValue())).isEmpty()
                || !role.stringValue().equals(parsed.get().wire())) {
            problems.add("role", "must be one of owner, admin, member");
            parsed = Optional.empty();
        }
        problems.throwIfAny();
        return new NewUser(emailText, parsed.orElseThrow());
    }
}
