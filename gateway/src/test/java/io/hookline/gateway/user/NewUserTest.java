package io.hookline.gateway.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.schemas.principal.Role;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Problem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NewUserTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void shouldAcceptAnEmailAndARole() {
        NewUser user = NewUser.parse(MAPPER.readTree("{\"email\": \"ada@example.com\", \"role\": \"member\"}"));

        assertThat(user).isEqualTo(new NewUser("ada@example.com", Role.MEMBER));
    }

    @Test
    void shouldListEveryProblem() {
        assertThatThrownBy(() -> NewUser.parse(MAPPER.readTree("{\"email\": 3, \"role\": \"Admin\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details()).extracting(Problem::field)
                        .containsExactly("email", "role"));
    }

    @Test
    void shouldRequireBothFields() {
        assertThatThrownBy(() -> NewUser.parse(MAPPER.readTree("{}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details())
                        .containsExactly(new Problem("email", "is required"), new Problem("role", "is required")));
    }

    @Test
    void shouldRefuseSomethingThatIsNotAnEmail() {
        assertThatThrownBy(() -> NewUser.parse(MAPPER.readTree("{\"email\": \"ada at example\", \"role\": \"admin\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details()).extracting(Problem::field).containsExactly("email"));
    }

    @Test
    void shouldRefuseABodyThatIsNotAnObject() {
        assertThatThrownBy(() -> NewUser.parse(MAPPER.readTree("[]")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details()).hasSize(1));
    }
}
