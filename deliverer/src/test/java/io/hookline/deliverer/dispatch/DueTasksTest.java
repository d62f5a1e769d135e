package io.hookline.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.Fixtures;
import io.hookline.kafka.consumer.PartitionOffsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DueTasksTest {

    private static final Instant NOW = Instant.parse("2026-03-28T10:15:00Z");
    private final TopicPartition p0 = new TopicPartition("hookline.delivery-retries", 0);
    private final TopicPartition p1 = new TopicPartition("hookline.delivery-retries", 1);
    private final DueTasks due = new DueTasks();

    private DueTasks.Waiting waiting(TopicPartition partition, long offset, Instant at) {
        return new DueTasks.Waiting(partition, offset, new PartitionOffsets(), Fixtures.task("https://example.com").build(), at);
    }

    private DueTasks.Waiting waitingFor(String webhookId, long offset, Instant at) {
        return new DueTasks.Waiting(p0, offset, new PartitionOffsets(),
                Fixtures.task("https://example.com").setWebhookId(webhookId).build(), at);
    }

    @Test
    void shouldCountWhatEachWebhookHasWaiting() {
        // given two retries of one webhook and one of another
        due.add(waitingFor("wh_a", 1, NOW));
        due.add(waitingFor("wh_a", 2, NOW.plusSeconds(60)));
        due.add(waitingFor("wh_b", 3, NOW));

        // when the due ones are taken, then the revoked partition dropped
        due.takeDue(NOW);
        assertThat(due.waitingFor("wh_a")).isEqualTo(1);
        assertThat(due.waitingFor("wh_b")).isZero();
        due.drop(List.of(p0));

        // then
        assertThat(due.waitingFor("wh_a")).isZero();
    }

    @Test
    void shouldReleaseAShortRetryReadAfterALongOneFirst() {
        // given a 10 h retry read before a 5 s one on the same partition
        due.add(waiting(p0, 1, NOW.plusSeconds(36_000)));
        due.add(waiting(p0, 2, NOW.plusSeconds(5)));

        // then only the 5 s one is due after 5 s
        assertThat(due.takeDue(NOW)).isEmpty();
        assertThat(due.takeDue(NOW.plusSeconds(5))).extracting(DueTasks.Waiting::offset).containsExactly(2L);
        assertThat(due.size()).isEqualTo(1);
        assertThat(due.takeDue(NOW.plusSeconds(36_000))).extracting(DueTasks.Waiting::offset).containsExactly(1L);
    }

    @Test
    void shouldForgetTheRetriesOfRevokedPartitions() {
        due.add(waiting(p0, 1, NOW));
        due.add(waiting(p1, 1, NOW));

        assertThat(due.drop(List.of(p0))).isEqualTo(1);
        assertThat(due.takeDue(NOW)).extracting(DueTasks.Waiting::partition).containsExactly(p1);
    }
}
