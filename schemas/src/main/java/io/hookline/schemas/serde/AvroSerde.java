package io.hookline.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding ({@code C3 01}, the 8-byte CRC-64-AVRO fingerprint of the writer
 * schema, then the binary record) for a generated record class. Writer schemas are resolved against
 * the schemas this build ships, so no registry is needed. A null value is a tombstone both ways.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** The two marker bytes that start every single-object encoded record. */
    public static final byte[] MAGIC = {(byte) 0xC3, (byte) 0x01};

    static {
        // Avro 1.12 refuses to instantiate classes it was not told to trust; trust our generated ones.
        ClassSecurityValidator.ClassSecurityPredicate ours = c -> c.getName().startsWith("io.hookline.schemas.avro.");
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
    }

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroSerde(Class<T> type) {
        this.type = type;
        Schema schema = SpecificData.get().getSchema(type);
        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(schema);
        this.encoder = new BinaryMessageEncoder<>(SpecificData.get(), schema);
        this.decoder = new BinaryMessageDecoder<>(SpecificData.get(), schema, store);
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }

    /** Whether these bytes start like a single-object encoded Avro record. */
    public static boolean isSingleObject(byte[] bytes) {
        return bytes != null && bytes.length >= 10 && bytes[0] == MAGIC[0] && bytes[1] == MAGIC[1];
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoder.encode(value);
            return Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + buffer.position(),
                    buffer.arrayOffset() + buffer.limit());
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + " for " + topic, e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decoder.decode(data);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Not a single-object encoded " + type.getSimpleName()
                    + (topic == null ? "" : " on " + topic) + ": " + e.getMessage(), e);
        }
    }

    public byte[] serialize(T value) {
        return serialize(null, value);
    }

    public T deserialize(byte[] data) {
        return deserialize(null, data);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the schemas ship with the build
    }

    @Override
    public void close() {
        // stateless
    }
}
