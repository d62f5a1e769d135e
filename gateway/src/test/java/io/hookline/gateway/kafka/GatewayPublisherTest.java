package io.hookline.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A real producer with nothing listening at its address: the write fails as "Kafka unavailable", within its bounded wait. */
class GatewayPublisherTest {

    @Test
    void shouldReportKafkaUnavailableWhenNothingListens() throws IOException {
        // given
        KafkaConnection connection = new KafkaConnection("127.0.0.1:" + closedPort(), Map.of("max.block.ms", "500"));

        // when
        Throwable error;
        try (GatewayPublisher publisher = new GatewayPublisher(connection)) {
            error = catchThrowable(() -> publisher.send(Topics.EVENTS, null, "team", new byte[] {1}).block(Duration.ofSeconds(30)));
        }

        // then
        assertThat(error).isInstanceOf(KafkaUnavailableException.class);
    }

    @Test
    void shouldBoundBlockingByDefault() {
        // given
        KafkaConnection connection = new KafkaConnection("127.0.0.1:1", Map.of("request.timeout.ms", "1000"));

        // when
        Map<String, Object> props = GatewayPublisher.producerProperties(connection);

        // then
        assertThat(props).containsEntry("max.block.ms", 5_000).containsEntry("delivery.timeout.ms", 15_000)
                .containsEntry("request.timeout.ms", "1000").containsEntry("acks", "all");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
