package io.hookline.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Reads a record an earlier schema wrote with a state as a {@code string} where this build's schema has an Avro
 * enum, which Avro's own resolution refuses. The writer schema is copied with each such string replaced by the
 * reader's enum (the "bridge"); the record is decoded with its writer schema, each string turned into the symbol
 * of the same name (a string the enum does not know into its {@code default}), encoded with the bridge, and the
 * bridge is then resolved into the current schema by Avro as any other earlier version.
 */
final class StringStates {

    private final Schema writer;
    private final Schema bridge;
    private final GenericDatumReader<Object> decoder;
    private final GenericDatumWriter<Object> encoder;

    private StringStates(Schema writer, Schema bridge) {
        this.writer = writer;
        this.bridge = bridge;
        this.decoder = new GenericDatumReader<>(writer, writer, GenericData.get());
        this.encoder = new GenericDatumWriter<>(bridge, GenericData.get());
    }

    /** The converter for records {@code writer} wrote, or empty when it has no string that {@code reader} made an enum. */
    static Optional<StringStates> between(Schema writer, Schema reader) {
        Bridging bridging = new Bridging();
        Schema bridge = bridging.bridge(writer, reader);
        return bridging.changed ? Optional.of(new StringStates(writer, bridge)) : Optional.empty();
    }

    /** The schema to resolve the re-encoded record from: the writer's, with the states as the reader's enums. */
    Schema bridge() {
        return bridge;
    }

    /** The record in {@code data} (from {@code offset}), re-encoded with the bridge. */
    byte[] convert(byte[] data, int offset, int length) throws IOException {
        Object record = decoder.read(null, DecoderFactory.get().binaryDecoder(data, offset, length, null));
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 16);
        BinaryEncoder binary = EncoderFactory.get().binaryEncoder(out, null);
        encoder.write(value(record, writer, bridge), binary);
        binary.flush();
        return out.toByteArray();
    }

    /** A decoded value of {@code from}, as a value of the bridge's {@code to}: the same but for strings become symbols. */
    static Object value(Object datum, Schema from, Schema to) throws IOException {
        switch (to.getType()) {
            case ENUM -> {
                if (from.getType() != Schema.Type.STRING) {
                    return datum;
                }
                String text = datum.toString();
                String symbol = to.hasEnumSymbol(text) ? text : to.getEnumDefault();
                if (symbol == null) {
                    throw new IOException("\"" + text + "\" is no symbol of " + to.getName() + ", which has no default");
                }
                return new GenericData.EnumSymbol(to, symbol);
            }
            case RECORD -> {
                GenericRecord in = (GenericRecord) datum;
                GenericData.Record out = new GenericData.Record(to);
                for (int i = 0; i < to.getFields().size(); i++) {
                    out.put(i, value(in.get(i), from.getFields().get(i).schema(), to.getFields().get(i).schema()));
                }
                return out;
            }
            case UNION -> {
                int branch = GenericData.get().resolveUnion(from, datum);
                return value(datum, from.getTypes().get(branch), to.getTypes().get(branch));
            }
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (Object item : (Iterable<?>) datum) {
                    out.add(value(item, from.getElementType(), to.getElementType()));
                }
                return out;
            }
            case MAP -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) datum).entrySet()) {
                    out.put(entry.getKey(), value(entry.getValue(), from.getValueType(), to.getValueType()));
                }
                return out;
            }
            default -> {
                return datum;
            }
        }
    }

    /** Copies a writer schema, replacing each string the reader has as an enum; the copy keeps the writer's layout. */
    private static final class Bridging {

        private final Map<String, Schema> records = new HashMap<>(); // a named type is defined once per schema
        private boolean changed;

        Schema bridge(Schema writer, Schema reader) {
            if (reader == null) {
                return writer;
            }
            return switch (writer.getType()) {
                case STRING -> {
                    if (reader.getType() == Schema.Type.ENUM) {
                        changed = true;
                        yield reader;
                    }
                    yield writer;
                }
                case RECORD -> reader.getType() == Schema.Type.RECORD ? record(writer, reader) : writer;
                case UNION -> {
                    List<Schema> branches = new ArrayList<>();
                    for (Schema branch : writer.getTypes()) {
                        branches.add(bridge(branch, counterpart(branch, reader)));
                    }
                    yield Schema.createUnion(branches);
                }
                case ARRAY -> reader.getType() == Schema.Type.ARRAY
                        ? Schema.createArray(bridge(writer.getElementType(), reader.getElementType())) : writer;
                case MAP -> reader.getType() == Schema.Type.MAP
                        ? Schema.createMap(bridge(writer.getValueType(), reader.getValueType())) : writer;
                default -> writer;
            };
        }

        private Schema record(Schema writer, Schema reader) {
            Schema made = records.get(writer.getFullName());
            if (made != null) {
                return made;
            }
            Schema copy = Schema.createRecord(writer.getName(), writer.getDoc(), writer.getNamespace(), writer.isError());
            records.put(writer.getFullName(), copy);
            writer.getAliases().forEach(copy::addAlias);
            List<Schema.Field> fields = new ArrayList<>();
            for (Schema.Field field : writer.getFields()) {
                Schema.Field read = reader.getField(field.name());
                fields.add(new Schema.Field(field, bridge(field.schema(), read == null ? null : read.schema())));
            }
            copy.setFields(fields);
            return copy;
        }

        /** The reader's schema for a writer's union branch: the branch of the same type, or for a string an enum. */
        private static Schema counterpart(Schema branch, Schema reader) {
            if (reader.getType() != Schema.Type.UNION) {
                return reader;
            }
            Schema enumeration = null;
            for (Schema candidate : reader.getTypes()) {
                if (candidate.getType() == branch.getType()
                        && (branch.getFullName() == null || branch.getFullName().equals(candidate.getFullName()))) {
                    return candidate;
                }
                if (candidate.getType() == Schema.Type.ENUM && enumeration == null) {
                    enumeration = candidate;
                }
            }
            return branch.getType() == Schema.Type.STRING ? enumeration : null;
        }
    }
}
