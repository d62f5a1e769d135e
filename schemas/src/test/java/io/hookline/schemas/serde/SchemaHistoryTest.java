package io.hookline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.schemas.avro.AttemptStatusSymbol;
import io.hookline.schemas.avro.AuditEntry;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.Execution;
import io.hookline.schemas.avro.ExecutionStatusSymbol;
import io.hookline.schemas.avro.IdempotencyEntryKind;
import io.hookline.schemas.avro.IdempotentResponse;
import io.hookline.schemas.avro.OrderingSymbol;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.avro.RoleSymbol;
import io.hookline.schemas.avro.TriggerSymbol;
import io.hookline.schemas.avro.VerificationStatusSymbol;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import io.hookline.schemas.principal.Role;
import io.hookline.schemas.topics.Topic;
import io.hookline.schemas.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Records stay on topics for weeks, on compacted ones for ever: each schema change must read what came before. */
class SchemaHistoryTest {

    @Test
    void shouldReadEveryEarlierVersionOfEveryTopicsSchema() {
        for (Topic<?, ?> topic : Topics.all()) {
            if (!(topic.valueSerde() instanceof AvroSerde<?>)) {
                continue;
            }
            Schema current = SpecificData.get().getSchema(((AvroSerde<?>) topic.valueSerde()).type());
            java.util.List<Schema> history = AvroSerde.earlierSchemas(((AvroSerde<?>) topic.valueSerde()).type());
            for (int i = 0; i < history.size(); i++) {
                Schema earlier = history.get(i);
                // a version with string states is resolved from its bridge, the same layout with those strings as enums
                Schema resolvedFrom = StringStates.between(earlier, current).map(StringStates::bridge).orElse(earlier);
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, resolvedFrom).getType())
                        .as("%s reads what its v%d wrote", current.getName(), i + 1)
                        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
                assertThat(SchemaNormalization.parsingFingerprint64(earlier)).isNotEqualTo(SchemaNormalization.parsingFingerprint64(current));
            }
        }
    }

    @Test
    void shouldDecodeAnIdempotentResponseWrittenBeforeClaimsAsAResponse() throws Exception {
        // given a record written by the first version of the schema, as it sits on the compacted topic
        Schema v1 = AvroSerde.earlierSchemas(IdempotentResponse.class).get(0);
        GenericRecord old = new GenericData.Record(v1);
        old.put("teamId", "default");
        old.put("key", "k-1");
        old.put("requestHash", "abc");
        old.put("status", 201);
        old.put("body", "sealed");
        old.put("createdAt", Instant.parse("2026-11-20T10:00:00Z").toEpochMilli());

        // when this build reads it
        IdempotentResponse read = AvroSerde.of(IdempotentResponse.class).deserialize(singleObject(v1, old));

        // then it is the response it was
        assertThat(read.getStatus()).isEqualTo(201);
        assertThat(read.getKind()).isEqualTo(IdempotencyEntryKind.RESPONSE);
        assertThat(read.getClaimId()).isEmpty();
    }

    @Test
    void shouldReadTheStringStatesOfEveryEarlierVersionAsTheirSymbols() throws Exception {
        // given records of every version that had the states as strings, each state a value it knew
        Map<String, String> states = Map.of("DeliveryAttempt.trigger", "manual", "DeliveryAttempt.status", "skipped",
                "DeliveryTask.trigger", "retry", "DeliveryTask.ordering", "fifo", "Webhook.status", "verification_failed",
                "Verification.status", "succeeded", "Webhook.ordering", "fifo", "WebhookChanges.ordering", "fifo",
                "Execution.status", "timed_out", "Principal.role", "admin");

        // when this build reads them, then each holds the symbol of its string
        for (DeliveryAttempt read : readEvery(DeliveryAttempt.class, states)) {
            assertThat(read.getTrigger()).isEqualTo(TriggerSymbol.manual);
            assertThat(read.getStatus()).isEqualTo(AttemptStatusSymbol.skipped);
        }
        List<DeliveryTask> tasks = readEvery(DeliveryTask.class, states);
        assertThat(tasks).hasSize(3).allSatisfy(read -> {
            assertThat(read.getTrigger()).isEqualTo(TriggerSymbol.retry);
            assertThat(read.getOrdering()).isEqualTo(OrderingSymbol.fifo);
        });
        List<Webhook> webhooks = readEvery(Webhook.class, states);
        assertThat(webhooks).hasSize(3).allSatisfy(read -> {
            assertThat(read.getStatus()).isEqualTo(WebhookStatusSymbol.verification_failed);
            assertThat(read.getVerification().getStatus()).isEqualTo(VerificationStatusSymbol.succeeded);
            assertThat(read.getOrdering()).isEqualTo(OrderingSymbol.fifo);
        });
        WebhookCommand command = readEvery(WebhookCommand.class, states).get(1);
        assertThat(command.getWebhook().getStatus()).isEqualTo(WebhookStatusSymbol.verification_failed);
        assertThat(command.getChanges().getOrdering()).isEqualTo(OrderingSymbol.fifo);
        assertThat(readEvery(Execution.class, states)).singleElement()
                .satisfies(read -> assertThat(read.getStatus()).isEqualTo(ExecutionStatusSymbol.timed_out));
        assertThat(readEvery(Principal.class, states)).singleElement()
                .satisfies(read -> assertThat(read.getRole()).isEqualTo(RoleSymbol.admin));
        assertThat(readEvery(AuditEntry.class, Map.of("AuditEntry.actorRole", "member"))).singleElement()
                .satisfies(read -> assertThat(read.getActorRole()).isEqualTo(RoleSymbol.member));
    }

    @Test
    void shouldReadAStringStateThisBuildDoesNotKnowAsTheEnumsDefault() throws Exception {
        // given old records with strings no enum has (a writer newer than this build, or a typo)
        Map<String, String> unknown = Map.of("DeliveryAttempt.trigger", "replayed", "DeliveryAttempt.status", "postponed",
                "Webhook.status", "paused", "Verification.status", "expired", "Webhook.ordering", "by_key", "Principal.role", "viewer");

        // when this build reads them, then each reads as its enum's default, and no consumer is stopped
        DeliveryAttempt attempt = readEvery(DeliveryAttempt.class, unknown).get(0);
        assertThat(attempt.getTrigger()).isEqualTo(TriggerSymbol.scheduled);
        assertThat(attempt.getStatus()).isEqualTo(AttemptStatusSymbol.failed);
        Webhook webhook = readEvery(Webhook.class, unknown).get(2);
        assertThat(webhook.getStatus()).isEqualTo(WebhookStatusSymbol.disabled);
        assertThat(webhook.getVerification().getStatus()).isEqualTo(VerificationStatusSymbol.failed);
        assertThat(webhook.getOrdering()).isEqualTo(OrderingSymbol.concurrent);
        Principal principal = readEvery(Principal.class, unknown).get(0);
        assertThat(principal.getRole()).isEqualTo(RoleSymbol.unknown);
        assertThat(Role.of(principal.getRole())).isEmpty(); // a role this build does not know grants nothing
    }

    @Test
    void shouldRefuseAnOldRecordThatStillCannotBeReadAsTheSerdeAlwaysHas() throws Exception {
        // given an old delivery attempt cut short
        Schema v1 = AvroSerde.earlierSchemas(DeliveryAttempt.class).get(0);
        byte[] whole = singleObject(v1, sample(v1, Map.of("DeliveryAttempt.status", "failed")));
        byte[] cut = java.util.Arrays.copyOf(whole, 20);

        // when / then it is the serialization error the consumers send to their dead letters
        assertThatThrownBy(() -> AvroSerde.of(DeliveryAttempt.class).deserialize("hookline.delivery-log", cut))
                .isInstanceOf(SerializationException.class).hasMessageContaining("DeliveryAttempt on hookline.delivery-log");
    }

    /** A record of every earlier version of {@code type}'s schema, its states the given strings, read by this build. */
    private static <T extends SpecificRecord> List<T> readEvery(Class<T> type, Map<String, String> states) throws Exception {
        List<T> read = new ArrayList<>();
        for (Schema earlier : AvroSerde.earlierSchemas(type)) {
            read.add(AvroSerde.of(type).deserialize(singleObject(earlier, sample(earlier, states))));
        }
        return read;
    }

    /** A value of {@code schema} with every field set (the first non-null branch of a union), strings named in {@code strings} as given. */
    private static Object sample(Schema schema, Map<String, String> strings) {
        return sample(schema, strings, "x");
    }

    private static Object sample(Schema schema, Map<String, String> strings, String string) {
        return switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    String value = strings.getOrDefault(schema.getName() + "." + field.name(), "x");
                    record.put(field.pos(), sample(field.schema(), strings, value));
                }
                yield record;
            }
            case UNION -> sample(schema.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).findFirst().orElseThrow(),
                    strings, string);
            case STRING -> string;
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
            case ARRAY -> List.of();
            case MAP -> Map.of();
            case INT -> 1;
            case LONG -> 1L;
            case BOOLEAN -> true;
            case FLOAT -> 1f;
            case DOUBLE -> 1d;
            case BYTES -> ByteBuffer.wrap(new byte[] {1});
            default -> throw new IllegalArgumentException("no sample of " + schema.getType());
        };
    }

    private static byte[] singleObject(Schema schema, Object record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(AvroSerde.MAGIC);
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        for (int i = 0; i < 8; i++) {
            out.write((int) (fingerprint >>> (8 * i)) & 0xFF);
        }
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<Object>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
