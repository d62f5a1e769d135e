package io.hookline.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingOffsetsTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    @Test
    void shouldCommitOnlyBelowTheOldestUnansweredRequest() {
        PendingOffsets pending = new PendingOffsets();
        pending.started(P0, 10);
        pending.started(P0, 11);
        pending.started(P0, 12);

        pending.finished(P0, 11);
        pending.finished(P0, 12);

        assertThat(pending.committable().get(P0).offset()).isEqualTo(10);
    }

    @Test
    void shouldCommitPastTheLastOneWhenAllAreAnswered() {
        PendingOffsets pending = new PendingOffsets();
        pending.started(P0, 10);
        pending.started(P0, 11);

        pending.finished(P0, 11);
        pending.finished(P0, 10);

        assertThat(pending.committable().get(P0).offset()).isEqualTo(12);
    }

    @Test
    void shouldKeepPartitionsApartAndForgetRevokedOnes() {
        PendingOffsets pending = new PendingOffsets();
        pending.started(P0, 5);
        pending.started(P1, 7);
        pending.finished(P1, 7);

        assertThat(pending.committable().get(P0).offset()).isEqualTo(5);
        assertThat(pending.committable().get(P1).offset()).isEqualTo(8);

        pending.forget(List.of(P0));
        pending.finished(P0, 5);

        assertThat(pending.committable()).containsOnlyKeys(P1);
    }
}
