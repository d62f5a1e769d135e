package io.hookline.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.topics.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class RouterStreamsConfigTest {

    private static final RouterProperties SETTINGS = new RouterProperties("router-test", Path.of("/tmp/router-test"), 1, "at_least_once",
            Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void shouldReplicateTheStoreChangelogsAsConfigured() {
        Properties props = RouterStreamsConfig.of(new KafkaConnection("localhost:1", Map.of(), 3), SETTINGS);

        assertThat(props.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
        assertThat(props.get(StreamsConfig.topicPrefix("min.insync.replicas"))).isEqualTo(2);
    }

    @Test
    void shouldLeaveTheChangelogsToTheBrokersDefaultOtherwise() {
        Properties props = RouterStreamsConfig.of(new KafkaConnection("localhost:1"), SETTINGS);

        assertThat(props.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(-1);
        assertThat(props).doesNotContainKey(StreamsConfig.topicPrefix("min.insync.replicas"));
    }

    @Test
    void shouldReadOnlyCommittedWebhookSnapshotsUnderAtLeastOnce() {
        Properties props = RouterStreamsConfig.of(new KafkaConnection("localhost:1"), SETTINGS);

        assertThat(props.get(StreamsConfig.consumerPrefix("isolation.level"))).isEqualTo("read_committed");
    }
}
