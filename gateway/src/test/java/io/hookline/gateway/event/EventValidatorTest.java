package io.hookline.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.gateway.web.Problem;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class EventValidatorTest {

    private static final Instant NOW = Instant.parse("2026-03-28T10:15:00Z");
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final EventCatalog catalog = EventCatalog.load(mapper);
    private final InMemoryCustomTypes custom = new InMemoryCustomTypes()
            .register("team_a", "invoice.paid", "{\"type\": \"object\", \"required\": [\"amount\"]}", "{\"amount\": 3}");
    private final EventValidator validator = new EventValidator(new EventTypes(catalog, custom, mapper), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldFillInIdAndTimestampOfASingleEvent() {
        // given
        ObjectNode event = event("acronym.created");

        // when
        List<NewEvent> events = validator.validate("team_a", event);

        // then
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.id()).startsWith("evt_").hasSizeGreaterThan(4);
            assertThat(e.timestamp()).isEqualTo(NOW);
            assertThat(e.type()).isEqualTo("acronym.created");
            assertThat(e.data()).isEqualTo(event.get("data"));
        });
    }

    @Test
    void shouldKeepTheGivenIdAndTimestamp() {
        // given
        ObjectNode event = event("user.created").put("id", "evt_mine-1").put("timestamp", "2026-01-02T03:04:05+02:00");

        // when
        NewEvent validated = validator.validate("team_a", event).get(0);

        // then
        assertThat(validated.id()).isEqualTo("evt_mine-1");
        assertThat(validated.timestamp()).isEqualTo(Instant.parse("2026-01-02T01:04:05Z"));
    }

    @Test
    void shouldNameAnUnknownTypeByItsIndexInABatch() {
        // given
        ArrayNode batch = mapper.createArrayNode().add(event("acronym.created")).add(event("acronym.created"))
                .add(event("acronym.created")).add(event("acronym.created").put("type", "acronym.exploded"));

        // when
        List<Problem> problems = problems(batch);

        // then
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("[3].type");
            assertThat(p.problem()).contains("acronym.exploded");
        });
    }

    @Test
    void shouldNameEveryViolationOfTheDataSchema() {
        // given
        ObjectNode event = event("acronym.created");
        ObjectNode acronym = (ObjectNode) event.get("data").get("acronym");
        acronym.remove("term");
        acronym.put("title", 5);

        // when
        List<Problem> problems = problems(mapper.createArrayNode().add(event));

        // then
        assertThat(problems).extracting(Problem::field).containsExactlyInAnyOrder("[0].data.acronym.term", "[0].data.acronym.title");
    }

    @Test
    void shouldRefuseABatchOfMoreThanAThousandEvents() {
        // given
        ArrayNode batch = mapper.createArrayNode();
        for (int i = 0; i <= EventValidator.MAX_BATCH; i++) {
            batch.add(event("user.created"));
        }

        // when / then
        assertThat(problems(batch)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("body");
            assertThat(p.problem()).contains("1 to 1000");
        });
    }

    @Test
    void shouldRefuseAnEmptyBatch() {
        assertThat(problems(mapper.createArrayNode())).extracting(Problem::field).containsExactly("body");
    }

    @Test
    void shouldAcceptABatchOfExactlyAThousandEvents() {
        // given
        ArrayNode batch = mapper.createArrayNode();
        for (int i = 0; i < EventValidator.MAX_BATCH; i++) {
            batch.add(event("user.created"));
        }

        // when / then
        assertThat(validator.validate("team_a", batch)).hasSize(1000);
    }

    @Test
    void shouldRefuseBadIdsAndTimestamps() {
        // given
        ArrayNode batch = mapper.createArrayNode()
                .add(event("user.created").put("id", "abc"))
                .add(event("user.created").put("id", "evt_" + "x".repeat(125)))
                .add(event("user.created").put("timestamp", "yesterday"))
                .add(event("user.created").put("timestamp", 1234));

        // when
        List<Problem> problems = problems(batch);

        // then
        assertThat(problems).extracting(Problem::field).containsExactly("[0].id", "[1].id", "[2].timestamp", "[3].timestamp");
    }

    @Test
    void shouldListEveryProblemOfEveryEventAtOnce() {
        // given
        ObjectNode noType = event("user.created");
        noType.remove("type");
        ObjectNode noData = event("user.created");
        noData.remove("data");
        ArrayNode batch = mapper.createArrayNode()
                .add(noType)
                .add(noData)
                .add(event("user.created").put("tenant_id", "t1"))
                .add("not an event")
                .add(event("user.created").put("data", "text"));

        // when
        List<Problem> problems = problems(batch);

        // then
        assertThat(problems).extracting(Problem::field)
                .containsExactly("[0].type", "[1].data", "[2].tenant_id", "[3]", "[4].data");
    }

    @Test
    void shouldCheckACustomTypeAgainstItsRegisteredSchemaForItsTeamOnly() {
        // given invoice.paid registered by team_a with a required amount
        JsonNode event = mapper.readTree("{\"type\": \"invoice.paid\", \"data\": {}}");
        // when / then
        ApiException missing = catchThrowableOfType(ApiException.class, () -> validator.validate("team_a", event));
        assertThat(missing.details()).extracting(io.hookline.gateway.web.Problem::field).containsExactly("data.amount");
        ApiException otherTeam = catchThrowableOfType(ApiException.class, () -> validator.validate("team_b", event));
        assertThat(otherTeam.details()).extracting(io.hookline.gateway.web.Problem::field).containsExactly("type");
        assertThat(validator.validate("team_a", mapper.readTree("{\"type\": \"invoice.paid\", \"data\": {\"amount\": 1}}")))
                .singleElement().extracting(NewEvent::type).isEqualTo("invoice.paid");
    }

    @Test
    void shouldTellWhyAnEventOfATypeRegisteredWithAPatternRe2CannotCompileCannotBeChecked() {
        // given a type stored before patterns ran on RE2, with a lookahead
        custom.register("team_a", "legacy.lookahead", "{\"type\": \"object\", \"properties\": {\"c\": {\"pattern\": \"^(?=a)\"}}}", null);

        // when an event of it is posted, then it is a 422 naming the pattern, not a 500
        assertThat(problems(mapper.readTree("{\"type\": \"legacy.lookahead\", \"data\": {\"c\": \"a\"}}")))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("data");
                    assertThat(p.problem()).contains("^(?=a)").contains("register the type again");
                });
    }

    @Test
    void shouldRefuseABodyThatIsNeitherObjectNorArray() {
        assertThat(problems(mapper.getNodeFactory().stringNode("hello"))).extracting(Problem::field).containsExactly("body");
    }

    private List<Problem> problems(JsonNode body) {
        ApiException error = catchThrowableOfType(ApiException.class, () -> validator.validate("team_a", body));
        assertThat(error).as("validation should fail").isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        return error.details();
    }

    private ObjectNode event(String type) {
        EventType catalogType = catalog.types().stream().filter(t -> t.type().equals(type)).findFirst().orElseThrow();
        ObjectNode event = mapper.createObjectNode().put("type", type);
        event.set("data", catalogType.sample().deepCopy());
        return event;
    }
}
