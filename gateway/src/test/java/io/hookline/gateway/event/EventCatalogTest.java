package io.hookline.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.gateway.web.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventCatalogTest {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final EventCatalog catalog = EventCatalog.load(mapper);

    @Test
    void shouldListTheSeedTypesAndTheTestType() {
        // when
        List<String> types = catalog.types().stream().map(EventType::type).toList();

        // then
        assertThat(types).contains("acronym.created", "acronym.updated", "acronym.locked", "acronym.unlocked",
                "acronym.deprecated", "acronym.restored", "acronym.deleted", "acronym.permanently_deleted",
                "category.created", "category.updated", "category.deleted", "user.created", "user.deactivated",
                "user.authenticated", "user.joined", "collection.created", "collection.updated", "collection.deleted",
                "import.completed", "import.failed", "webhook.test");
        assertThat(catalog.types()).allSatisfy(type -> {
            assertThat(type.description()).isNotBlank();
            assertThat(type.schema().isObject()).isTrue();
        });
    }

    @Test
    void shouldAcceptEverySampleAgainstItsOwnSchema() {
        // given / when / then
        assertThat(catalog.types()).allSatisfy(type ->
                assertThat(catalog.validate(type.type(), type.sample(), "data")).as(type.type()).isEmpty());
    }

    @Test
    void shouldNameTheMissingPropertyWithItsFullPath() {
        // given
        ObjectNode data = (ObjectNode) sample("acronym.created").deepCopy();
        ((ObjectNode) data.get("acronym")).remove("term");

        // when
        List<Problem> problems = catalog.validate("acronym.created", data, "[0].data");

        // then
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("[0].data.acronym.term");
            assertThat(problem.problem()).contains("term");
        });
    }

    @Test
    void shouldListEveryViolationOfTheSchema() {
        // given
        ObjectNode data = (ObjectNode) sample("acronym.created").deepCopy();
        ObjectNode acronym = (ObjectNode) data.get("acronym");
        acronym.put("term", 42);
        acronym.put("created_at", "yesterday");
        acronym.putArray("categories").add(7);

        // when
        List<Problem> problems = catalog.validate("acronym.created", data, "data");

        // then
        assertThat(problems).extracting(Problem::field)
                .containsExactlyInAnyOrder("data.acronym.term", "data.acronym.created_at", "data.acronym.categories[0]");
    }

    private JsonNode sample(String type) {
        return catalog.types().stream().filter(t -> t.type().equals(type)).findFirst().orElseThrow().sample();
    }
}
