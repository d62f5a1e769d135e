package io.hookline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.IdempotencyEntryKind;
import io.hookline.schemas.avro.IdempotentResponse;
import io.hookline.schemas.topics.Topic;
import io.hookline.schemas.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
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
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, earlier).getType())
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

    private static byte[] singleObject(Schema schema, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(AvroSerde.MAGIC);
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        for (int i = 0; i < 8; i++) {
            out.write((int) (fingerprint >>> (8 * i)) & 0xFF);
        }
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
