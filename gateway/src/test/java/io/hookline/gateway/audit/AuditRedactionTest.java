package io.hookline.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.audit.Actor;
import io.hookline.schemas.audit.Redaction;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.avro.AuditEntry;
import io.hookline.schemas.avro.AuditResourceType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** No audit entry holds a secret in clear, whatever resource it is about and however the secret got into it. */
class AuditRedactionTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String SIGNING_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwQk3vYb1d0cE=";
    private static final String ROTATED_SECRET = "whsec_9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8=";
    private static final String API_KEY = "usr_5f2a-Zk3x9Qw8Lm2Np7Rt4Vy6Bc1Dh5Fj0Gs";
    private static final String KEY_HASH = "a3f1c9e2b7d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6";
    private static final String HEADER_VALUE = "Bearer tok-7f3e9a1c";
    private static final String ENV_VALUE = "sk_live_51HxQ2eZvKYlo2C";

    private final AuditLog audit = new AuditLog(null, MAPPER, Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    private final Actor owner = new Actor(io.hookline.schemas.avro.AuditActorType.USER, "usr_5f2a", io.hookline.schemas.principal.Role.OWNER, "usr_5f2a",
            io.hookline.schemas.avro.AuditChannel.API, "req_1", null);

    @Test
    void shouldRedactAWebhooksSecretAndCustomHeaderValuesButKeepTheHeaderNames() {
        // given a webhook as its creation answers, secret and custom headers included
        Map<String, Object> webhook = Map.of("id", "wh_1", "url", "https://example.com/hook", "secret", SIGNING_SECRET,
                "headers", Map.of("Authorization", HEADER_VALUE, "X-Team", "glossary"));

        // when
        AuditEntry entry = audit.entry(owner, "team-a", AuditAction.CREATE, AuditResourceType.WEBHOOK, "wh_1", null, webhook);

        // then
        assertNoSecretIn(entry);
        JsonNode after = MAPPER.readTree(entry.getAfter());
        assertThat(after.at("/secret").stringValue()).isEqualTo(Redaction.REDACTED);
        assertThat(after.at("/headers/Authorization").stringValue()).isEqualTo(Redaction.REDACTED);
        assertThat(after.at("/headers/X-Team").stringValue()).isEqualTo(Redaction.REDACTED);
        assertThat(after.at("/url").stringValue()).isEqualTo("https://example.com/hook");
        assertThat(entry.getBefore()).isNull();
    }

    @Test
    void shouldShowARotatedSecretOnlyAsAFingerprint() {
        // given a rotation, the old and new secrets as plaintext would be (a careless caller)
        Map<String, String> before = Map.of("secret", SIGNING_SECRET, "fingerprint", Redaction.fingerprint(SIGNING_SECRET));
        Map<String, String> after = Map.of("secret", ROTATED_SECRET, "fingerprint", Redaction.fingerprint(ROTATED_SECRET));

        // when
        AuditEntry entry = audit.entry(owner, "team-a", AuditAction.ROTATE, AuditResourceType.SECRET, "wh_1", before, after);

        // then the entry tells the two apart without holding either
        assertNoSecretIn(entry);
        assertThat(MAPPER.readTree(entry.getBefore()).at("/fingerprint").stringValue())
                .isNotEqualTo(MAPPER.readTree(entry.getAfter()).at("/fingerprint").stringValue())
                .startsWith("sha256:")
                .hasSize("sha256:".length() + 12);
    }

    @Test
    void shouldNotHoldARevealedSecret() {
        AuditEntry entry = audit.entry(owner, "team-a", AuditAction.REVEAL, AuditResourceType.SECRET, "wh_1", null,
                Map.of("secret", SIGNING_SECRET, "fingerprint", Redaction.fingerprint(SIGNING_SECRET)));
        assertNoSecretIn(entry);
    }

    @Test
    void shouldRedactAnApiKeysPlaintextAndHashInUsersAndKeys() {
        // given a user as the creation answers (with the key, this once) and as the topic stores it (with the hash)
        Map<String, Object> created = Map.of("id", "usr_5f2a", "email", "ada@example.com", "apiKey", API_KEY);
        Map<String, Object> stored = Map.of("userId", "usr_5f2a", "keyHash", KEY_HASH);

        // when
        AuditEntry entry = audit.entry(owner, "team-a", AuditAction.ROTATE, AuditResourceType.API_KEY, "usr_5f2a", stored, created);

        // then
        assertNoSecretIn(entry);
        assertThat(MAPPER.readTree(entry.getAfter()).at("/email").stringValue()).isEqualTo("ada@example.com");
    }

    @Test
    void shouldRedactEnvironmentVariableValuesAnywhereInADoc() {
        // given a doc whose datasets carry environment variables, nested in an array
        Map<String, Object> doc = Map.of("id", "doc-1", "datasets", List.of(Map.of("key", "glossary",
                "environmentVariables", Map.of("STRIPE_KEY", ENV_VALUE))));

        // when
        AuditEntry entry = audit.entry(owner, "team-a", AuditAction.UPDATE, AuditResourceType.DOC, "doc-1", doc, doc);

        // then the variable's name stays, its value does not
        assertNoSecretIn(entry);
        assertThat(MAPPER.readTree(entry.getAfter()).at("/datasets/0/environmentVariables/STRIPE_KEY").stringValue()).isEqualTo(Redaction.REDACTED);
    }

    @Test
    void shouldRecordWhoWhenWhatAndFromWhichRequest() {
        AuditEntry entry = audit.entry(owner, "team-a", AuditAction.DISABLE, AuditResourceType.WEBHOOK, "wh_1",
                Map.of("status", "active"), Map.of("status", "disabled"));

        assertThat(entry.getTeamId()).isEqualTo("team-a");
        assertThat(entry.getActorId()).isEqualTo("usr_5f2a");
        assertThat(entry.getActorRole().name()).isEqualTo("owner");
        assertThat(entry.getKeyId()).isEqualTo("usr_5f2a");
        assertThat(entry.getRequestId()).isEqualTo("req_1");
        assertThat(entry.getAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(entry.getEntryId()).startsWith("aud_");
        assertThat(MAPPER.readTree(entry.getBefore()).at("/status").stringValue()).isEqualTo("active");
    }

    @Test
    void shouldKeepAnAbsentSecretAbsent() {
        JsonNode redacted = Redaction.redact(MAPPER.readTree("{\"secret\": null, \"disabledReason\": null}"));
        assertThat(redacted.get("secret").isNull()).isTrue();
    }

    private static void assertNoSecretIn(AuditEntry entry) {
        String all = entry.toString();
        for (String secret : List.of(SIGNING_SECRET, ROTATED_SECRET, API_KEY, KEY_HASH, HEADER_VALUE, ENV_VALUE)) {
            assertThat(all).doesNotContain(secret);
            // nor a recognisable part of it
            assertThat(all).doesNotContain(secret.substring(secret.length() - 12));
        }
    }
}
