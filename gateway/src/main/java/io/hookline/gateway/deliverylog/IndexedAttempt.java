package io.hookline.gateway.deliverylog;

import io.hookline.schemas.avro.AttemptStatusSymbol;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.serde.AvroSerde;
import io.hookline.schemas.topics.Topics;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The fields of an attempt that the index keys and counts by. Read from a record of the log with a
 * projection of the schema, so the index skips the bodies, headers and URL it stores as they are: decoding
 * whole attempts was 40 % of the index's CPU in DeliveryBench. A record of another writer schema (an
 * earlier version) is decoded whole, as the topic's serde does.
 */
record IndexedAttempt(String attemptId, String deliveryId, String webhookId, int attempt, AttemptStatusSymbol status, Instant attemptedAt,
        long durationMs) {

    private static final List<String> FIELDS = List.of("attemptId", "deliveryId", "webhookId", "attempt", "status", "attemptedAt",
            "durationMs");
    private static final int HEADER_LENGTH = 10;
    private static final byte[] CURRENT = fingerprint(DeliveryAttempt.getClassSchema());
    private static final GenericDatumReader<GenericRecord> PROJECTED = new GenericDatumReader<>(DeliveryAttempt.getClassSchema(),
            projection(DeliveryAttempt.getClassSchema()));

    static IndexedAttempt of(DeliveryAttempt attempt) {
        return new IndexedAttempt(attempt.getAttemptId(), attempt.getDeliveryId(), attempt.getWebhookId(), attempt.getAttempt(),
                attempt.getStatus(), attempt.getAttemptedAt(), attempt.getDurationMs());
    }

    /** @throws SerializationException when the bytes are not a single-object encoded attempt */
    static IndexedAttempt read(byte[] encoded) {
        if (!AvroSerde.isSingleObject(encoded) || !Arrays.equals(encoded, 2, HEADER_LENGTH, CURRENT, 0, 8)) {
            return of(Topics.DELIVERY_LOG.valueSerde().deserializer().deserialize(Topics.DELIVERY_LOG.name(), encoded));
        }
        GenericRecord fields;
        try {
            fields = PROJECTED.read(null, DecoderFactory.get().binaryDecoder(encoded, HEADER_LENGTH, encoded.length - HEADER_LENGTH, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Not a decodable DeliveryAttempt: " + e.getMessage(), e);
        }
        return new IndexedAttempt(text(fields, "attemptId"), text(fields, "deliveryId"), text(fields, "webhookId"),
                (Integer) fields.get("attempt"), AttemptStatusSymbol.valueOf(text(fields, "status")), Instant.ofEpochMilli((Long) fields.get("attemptedAt")),
                (Long) fields.get("durationMs"));
    }

    private static String text(GenericRecord fields, String name) {
        return fields.get(name).toString();
    }

    /** The record with only {@link #FIELDS}, same name, so Avro's resolution skips every other field of the writer's. */
    private static Schema projection(Schema full) {
        List<Schema.Field> kept = FIELDS.stream().map(full::getField).map(field -> new Schema.Field(field, field.schema())).toList();
        return Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, kept);
    }

    /** The schema's CRC-64-AVRO fingerprint as single-object encoding writes it (little-endian). */
    private static byte[] fingerprint(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (fingerprint >>> (8 * i));
        }
        return bytes;
    }
}
