package io.hookline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.schemas.avro.Event;
import java.time.Instant;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private final AvroSerde<Event> serde = AvroSerde.of(Event.class);

    @Test
    void shouldWriteSingleObjectHeaderWithLittleEndianFingerprint() {
        byte[] bytes = serde.serialize(event());

        long fingerprint = SchemaNormalization.parsingFingerprint64(Event.getClassSchema());
        assertThat(AvroSerde.isSingleObject(bytes)).isTrue();
        for (int i = 0; i < 8; i++) {
            assertThat(bytes[2 + i]).isEqualTo((byte) (fingerprint >>> (8 * i)));
        }
    }

    @Test
    void shouldRoundTripARecord() {
        Event event = event();

        assertThat(serde.deserialize(serde.serialize(event))).isEqualTo(event);
    }

    @Test
    void shouldPassTombstonesThrough() {
        assertThat(serde.serialize(null, null)).isNull();
        assertThat(serde.deserialize(null, null)).isNull();
    }

    @Test
    void shouldRejectBytesThatAreNotSingleObjectEncoded() {
        assertThatThrownBy(() -> serde.deserialize("t", "{\"json\":true}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Not a single-object encoded Event");
    }

    @Test
    void shouldRejectARecordWrittenWithAnotherSchema() {
        byte[] bytes = serde.serialize(event());
        bytes[5] ^= 0x01; // another fingerprint

        assertThatThrownBy(() -> serde.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("another fingerprint");
    }

    @Test
    void shouldRejectATruncatedRecord() {
        byte[] bytes = serde.serialize(event());

        assertThatThrownBy(() -> serde.deserialize("t", java.util.Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Not a single-object encoded Event on t");
    }

    @Test
    void shouldEncodeRecordsOfAnySizeOneAfterAnother() {
        Event large = Event.newBuilder(event()).setData("{\"a\":\"" + "x".repeat(3 << 20) + "\"}").build();

        assertThat(serde.deserialize(serde.serialize(large))).isEqualTo(large);
        assertThat(serde.deserialize(serde.serialize(event()))).isEqualTo(event());
        assertThat(serde.serialize(event())).isEqualTo(serde.serialize(event()));
    }

    private static Event event() {
        return Event.newBuilder().setId("evt_1").setTenantId("default").setType("acronym.created")
                .setTimestamp(Instant.parse("2026-03-28T10:15:00Z")).setData("{\"a\":1}").build();
    }
}
