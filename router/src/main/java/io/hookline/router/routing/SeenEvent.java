package io.hookline.router.routing;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The first time an event id was routed: the record timestamp (for the 24 h window) and the offset of
 * that record (to tell a replay of the same record from a new record repeating the id).
 */
record SeenEvent(long timestamp, long offset) {

    static Serde<SeenEvent> serde() {
        return Serdes.serdeFrom(
                (topic, seen) -> seen == null ? null : ByteBuffer.allocate(16).putLong(seen.timestamp).putLong(seen.offset).array(),
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    return new SeenEvent(buffer.getLong(), buffer.getLong());
                });
    }
}
