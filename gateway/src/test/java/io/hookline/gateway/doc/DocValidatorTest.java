package io.hookline.gateway.doc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Problem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DocValidatorTest {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final DocValidator validator = new DocValidator();

    @Test
    void shouldDefaultTheTimeoutToSixSeconds() {
        DocValidator.NewDoc doc = validator.validate(mapper.readTree("{\"name\": \"n\", \"datasets\": [{\"key\": \"a\", \"code\": \"print(1)\"}]}"));

        assertThat(doc.datasets()).containsExactly(new DocJson.DatasetJson("a", "print(1)", 6000));
    }

    @Test
    void shouldListEveryProblem() {
        assertThatThrownBy(() -> validator.validate(mapper.readTree(
                "{\"datasets\": [{\"key\": \"a\", \"code\": \"x\"}, {\"key\": \"a\", \"code\": \"\", \"timeoutMs\": 5}]}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details()).extracting(Problem::field)
                        .containsExactlyInAnyOrder("name", "datasets[1].key", "datasets[1].code", "datasets[1].timeoutMs"));
    }
}
