package io.hookline.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding ({@code C3 01}, the 8-byte CRC-64-AVRO fingerprint of the writer
 * schema, then the binary record) for a generated record class. Writer schemas are resolved against
 * the schemas this build ships, so no registry is needed: the current one, and every earlier version
 * kept whole under {@code avro-history/<Name>.v<N>.avsc} (records on compacted topics outlive a release),
 * read with Avro's schema resolution into the current class; a record of a version that had a state as a
 * {@code string} where this build has an Avro enum goes through {@link StringStates} first. A null value is a
 * tombstone both ways.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** The two marker bytes that start every single-object encoded record. */
    public static final byte[] MAGIC = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER_LENGTH = 10;
    private static final int KEEP_BUFFER_BYTES = 1 << 20;
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    static {
        TrustedClasses.ensure();
    }

    private final Class<T> type;
    private final byte[] header;
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;
    /** Readers from each earlier writer schema to this one, by the writer's fingerprint. */
    private final Map<Long, Earlier<T>> earlier;

    private AvroSerde(Class<T> type) {
        this.type = type;
        Schema schema = SpecificData.get().getSchema(type);
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.header = new byte[HEADER_LENGTH];
        header[0] = MAGIC[0];
        header[1] = MAGIC[1];
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i)); // little-endian, as the specification says
        }
        this.writer = new SpecificDatumWriter<>(schema, SpecificData.get());
        this.reader = new SpecificDatumReader<>(schema, schema, SpecificData.get());
        Map<Long, Earlier<T>> readers = new HashMap<>();
        for (Schema writerSchema : earlierSchemas(type)) {
            readers.put(SchemaNormalization.parsingFingerprint64(writerSchema), Earlier.of(writerSchema, schema));
        }
        this.earlier = Map.copyOf(readers);
    }

    /** The generated record class this serde reads and writes. */
    public Class<T> type() {
        return type;
    }

    /** The earlier versions of a record's schema this build keeps, oldest first. */
    public static List<Schema> earlierSchemas(Class<? extends SpecificRecord> type) {
        List<Schema> schemas = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = "/avro-history/" + type.getSimpleName() + ".v" + version + ".avsc";
            try (InputStream in = AvroSerde.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return schemas;
                }
                schemas.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }

    /** Whether these bytes start like a single-object encoded Avro record. */
    public static boolean isSingleObject(byte[] bytes) {
        return bytes != null && bytes.length >= HEADER_LENGTH && bytes[0] == MAGIC[0] && bytes[1] == MAGIC[1];
    }

    /**
     * Encodes with a buffered encoder into a per-thread buffer: Avro's own {@code BinaryMessageEncoder}
     * writes through an unbuffered encoder, which measurably costs every component (issue 6 profile).
     */
    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        Buffers buffers = BUFFERS.get();
        buffers.out.reset();
        buffers.out.write(header, 0, HEADER_LENGTH);
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(buffers.out, buffers.encoder);
            buffers.encoder = encoder;
            writer.write(value, encoder);
            encoder.flush();
            return buffers.out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + " for " + topic, e);
        } finally {
            buffers.shrink();
        }
    }

    /**
     * Decodes straight from the array (Avro's {@code BinaryMessageDecoder} reads it byte by byte through an
     * unbuffered stream). This build's schema and its earlier versions are accepted; any other writer is refused.
     */
    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            if (!isSingleObject(data)) {
                throw new IOException("no single-object header (C3 01 + schema fingerprint)");
            }
            if (!Arrays.equals(data, 2, HEADER_LENGTH, header, 2, HEADER_LENGTH)) {
                Earlier<T> from = earlier.get(fingerprint(data));
                if (from == null) {
                    throw new IOException("written with a schema of another fingerprint than this build's " + type.getSimpleName()
                            + " or its earlier versions");
                }
                return from.read(data);
            }
            return reader.read(null, DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Not a single-object encoded " + type.getSimpleName()
                    + (topic == null ? "" : " on " + topic) + ": " + e.getMessage(), e);
        }
    }

    private static long fingerprint(byte[] data) {
        long fingerprint = 0;
        for (int i = 7; i >= 0; i--) {
            fingerprint = (fingerprint << 8) | (data[2 + i] & 0xFF);
        }
        return fingerprint;
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

    /** How records of one earlier writer schema are read: resolved by Avro, after its string states became symbols if it had any. */
    private record Earlier<T>(SpecificDatumReader<T> reader, StringStates states) {

        static <T> Earlier<T> of(Schema writer, Schema current) {
            StringStates states = StringStates.between(writer, current).orElse(null);
            Schema from = states == null ? writer : states.bridge();
            return new Earlier<>(new SpecificDatumReader<>(from, current, SpecificData.get()), states);
        }

        T read(byte[] data) throws IOException {
            if (states == null) {
                return reader.read(null, DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH, null));
            }
            byte[] bridged = states.convert(data, HEADER_LENGTH, data.length - HEADER_LENGTH);
            return reader.read(null, DecoderFactory.get().binaryDecoder(bridged, null));
        }
    }

    /** A thread's output buffer and encoder, reused from record to record. */
    private static final class Buffers {

        private ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        private BinaryEncoder encoder;

        /** Drops a buffer a rare large record grew, rather than keeping it for the thread's life. */
        void shrink() {
            if (out.size() > KEEP_BUFFER_BYTES) {
                out = new ByteArrayOutputStream(4096);
                encoder = null;
            }
        }
    }
}
