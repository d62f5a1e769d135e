package io.hookline.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.gateway.web.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventTypeRegistrarTest {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final EventTypes types = new EventTypes(EventCatalog.load(mapper), new InMemoryCustomTypes(), mapper);
    private final EventTypeRegistrar registrar = new EventTypeRegistrar(types, null, null, mapper,
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Duration.ofSeconds(1));

    @Test
    void shouldAcceptATypeWithASchemaAndASampleThatSatisfiesIt() {
        io.hookline.schemas.avro.EventType type = registrar.validate("team_a", mapper.readTree("""
                {"type": "invoice.paid", "description": "An invoice was paid.",
                 "schema": {"type": "object", "properties": {"amount": {"type": "integer"}}, "required": ["amount"]},
                 "sample": {"amount": 12}}"""));
        assertThat(type.getTeamId()).isEqualTo("team_a");
        assertThat(mapper.readTree(type.getSchema$()).path("required").get(0).asString()).isEqualTo("amount");
        assertThat(type.getSample()).isEqualTo("{\"amount\":12}");
    }

    @Test
    void shouldRefuseASchemaThatIsNotAJsonSchema() {
        ApiException error = catchThrowableOfType(ApiException.class, () -> registrar.validate("team_a", mapper.readTree("""
                {"type": "invoice.paid", "description": "d", "schema": {"type": "banana", "required": "amount"}}""")));
        assertThat(error.details()).isNotEmpty().allSatisfy(p -> assertThat(p.field()).startsWith("schema"));
    }

    @Test
    void shouldRefuseASampleThatFailsTheSchema() {
        ApiException error = catchThrowableOfType(ApiException.class, () -> registrar.validate("team_a", mapper.readTree("""
                {"type": "invoice.paid", "description": "d", "schema": {"type": "object", "required": ["amount"]}, "sample": {}}""")));
        assertThat(error.details()).extracting(Problem::field).containsExactly("sample.amount");
    }

    @Test
    void shouldRefuseBadNamesAndMissingFields() {
        ApiException error = catchThrowableOfType(ApiException.class, () -> registrar.validate("team_a", mapper.readTree("""
                {"type": "Not A Type", "extra": 1}""")));
        assertThat(error.details()).extracting(Problem::field).containsExactlyInAnyOrder("type", "extra", "description", "schema");
    }

    @Test
    void shouldRefuseToReplaceABuiltInType() {
        ApiException error = catchThrowableOfType(ApiException.class, () -> registrar.validate("team_a", mapper.readTree("""
                {"type": "acronym.created", "description": "d", "schema": {"type": "object"}}""")));
        assertThat(error.code()).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void shouldRefuseAPatternThatALinearTimeEngineCannotCompileNamingIt() {
        // given a lookahead and a backreference, which only a backtracking engine can run
        ApiException error = catchThrowableOfType(ApiException.class, () -> registrar.validate("team_a", mapper.readTree("""
                {"type": "invoice.paid", "description": "d", "schema": {"type": "object", "properties": {
                  "code": {"type": "string", "pattern": "^(?=a)a+$"},
                  "twice": {"type": "string", "pattern": "^(a)\\\\1$"}}}}""")));

        // then each is one problem naming where it is and what it says
        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(error.details()).extracting(Problem::field)
                .containsExactlyInAnyOrder("schema.properties.code.pattern", "schema.properties.twice.pattern");
        assertThat(error.details()).extracting(Problem::problem)
                .anySatisfy(p -> assertThat(p).contains("^(?=a)a+$"))
                .anySatisfy(p -> assertThat(p).contains("^(a)\\1$"));
    }

    @Test
    void shouldRefuseAPatternPropertiesKeyThatALinearTimeEngineCannotCompile() {
        ApiException error = catchThrowableOfType(ApiException.class, () -> registrar.validate("team_a", mapper.readTree("""
                {"type": "invoice.paid", "description": "d", "schema": {"type": "object", "patternProperties": {"^(?!x)": {}}}}""")));

        assertThat(error.details()).singleElement().satisfies(p -> assertThat(p.problem()).contains("^(?!x)"));
    }

    @Test
    void shouldAcceptAPatternThatBacktrackingEnginesFindCatastrophic() {
        io.hookline.schemas.avro.EventType type = registrar.validate("team_a", mapper.readTree("""
                {"type": "invoice.paid", "description": "d",
                 "schema": {"type": "object", "properties": {"code": {"type": "string", "pattern": "^(a+)+$"}}}}"""));

        assertThat(type.getSchema$()).contains("^(a+)+$");
    }
}
