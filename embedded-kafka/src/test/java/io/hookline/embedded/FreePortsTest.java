package io.hookline.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void shouldChooseDistinctPortsOutsideThoseTaken() {
        // given the ports a cluster's brokers listen on
        List<Integer> brokers = EmbeddedKafka.freePorts(3, List.of());

        // when its controllers' ports are chosen
        List<Integer> controllers = EmbeddedKafka.freePorts(30, brokers);

        // then no two listeners share a port
        assertThat(brokers).doesNotHaveDuplicates().hasSize(3);
        assertThat(controllers).doesNotHaveDuplicates().hasSize(30).doesNotContainAnyElementsOf(brokers);
    }
}
