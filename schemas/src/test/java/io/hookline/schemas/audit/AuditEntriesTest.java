package io.hookline.schemas.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.avro.AuditActorType;
import io.hookline.schemas.avro.AuditChannel;
import io.hookline.schemas.avro.AuditEntry;
import io.hookline.schemas.avro.AuditResourceType;
import io.hookline.schemas.principal.Credentials;
import io.hookline.schemas.principal.Role;
import io.hookline.schemas.principal.UserView;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The entries every writer of hookline.audit-log sends, here as the CLI makes them. */
class AuditEntriesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final AuditEntries entries = new AuditEntries(MAPPER, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldRecordTheCliAsASystemActorThroughACommandWithoutTheUsersKey() {
        // given a user the CLI created
        Credentials.Issued issued = Credentials.newUser("team-a", "ada@example.com", Role.ADMIN, NOW);

        // when
        AuditEntry entry = entries.entry(Actor.cli("cli_1", "hookline users create"), "team-a", AuditAction.CREATE,
                AuditResourceType.USER, issued.principal().getUserId(), null, UserView.of(issued.principal()));

        // then
        assertThat(entry.getEntryId()).matches("aud_[0-9a-f]{20}");
        assertThat(entry.getAt()).isEqualTo(NOW);
        assertThat(entry.getActorType()).isEqualTo(AuditActorType.SYSTEM);
        assertThat(entry.getActorId()).isEqualTo("cli");
        assertThat(entry.getChannel()).isEqualTo(AuditChannel.COMMAND);
        assertThat(entry.getRequestId()).isEqualTo("cli_1");
        assertThat(entry.getReason()).isEqualTo("hookline users create");
        assertThat(entry.getBefore()).isNull();
        assertThat(MAPPER.readTree(entry.getAfter()).at("/keyStatus").stringValue()).isEqualTo("active");
        assertThat(entry.getAfter()).contains("\"role\":\"admin\"").doesNotContain(issued.key().suffix())
                .doesNotContain(issued.principal().getKeyHash());
    }

    @Test
    void shouldRedactSecretsWhateverTheResource() {
        // when
        AuditEntry entry = entries.entry(Actor.cli("cli_1", "hookline replay"), "team-a", AuditAction.UPDATE, AuditResourceType.WEBHOOK,
                "wh_1", Map.of("secret", "whsec_abc"), Map.of("headers", Map.of("X-Token", "t0k")));

        // then
        assertThat(entry.getBefore()).isEqualTo("{\"secret\":\"<redacted>\"}");
        assertThat(entry.getAfter()).isEqualTo("{\"headers\":{\"X-Token\":\"<redacted>\"}}");
    }

    @Test
    void shouldPutAnEntryOnItsTeamsPartition() {
        AuditEntry entry = entries.entry(Actor.cli("cli_1", "x"), "team-b", AuditAction.CREATE, AuditResourceType.USER, "usr_1", null, null);

        assertThat(AuditEntries.partitionOf(entry)).isEqualTo(TenantPartitioner.partitionFor("team-b", Topics.AUDIT_LOG.partitions()));
    }
}
