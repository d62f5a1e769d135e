package io.hookline.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SeenEvents} on a real RocksDB window store: what TopologyTestDriver cannot show, a record read again
 * at its own offset (after a crash, with the store restored ahead of the committed offsets).
 */
class SeenEventsTest {

    private static final long T = Instant.parse("2026-03-28T10:15:00Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path stateDir;

    private WindowStore<String, Long> store;
    private SeenEvents seen;

    @BeforeEach
    void openStore() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "seen-events-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(config, new TaskId(0, 0), stateDir.toFile());
        store = SeenEvents.storeBuilder().withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        seen = new SeenEvents(store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void shouldTellTheRecordThatWasRoutedFromAnotherRecordWithItsId() {
        assertThat(seen.look("team-1", "evt_1", T, 7)).isEqualTo(SeenEvents.Sighting.NEW);
        seen.remember("team-1", "evt_1", T, 7, T);

        assertThat(seen.look("team-1", "evt_1", T, 7)).isEqualTo(SeenEvents.Sighting.SAME_RECORD);
        assertThat(seen.look("team-1", "evt_1", T + 1, 8)).isEqualTo(SeenEvents.Sighting.REPEAT);
        // another team's event with the same id is its own
        assertThat(seen.look("team-2", "evt_1", T + 1, 8)).isEqualTo(SeenEvents.Sighting.NEW);
    }

    @Test
    void shouldNotRememberARecordOlderThanTheWindowByStreamTime() {
        seen.remember("team-1", "evt_new", T + DAY, 9, T + DAY);
        seen.remember("team-1", "evt_old", T, 10, T + DAY);
        seen.remember("team-1", "evt_just_in", T + 1, 11, T + DAY);

        assertThat(seen.look("team-1", "evt_old", T, 12)).isEqualTo(SeenEvents.Sighting.NEW);
        assertThat(seen.look("team-1", "evt_just_in", T + 1, 12)).isEqualTo(SeenEvents.Sighting.REPEAT);
    }
}
