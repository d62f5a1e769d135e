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
}
