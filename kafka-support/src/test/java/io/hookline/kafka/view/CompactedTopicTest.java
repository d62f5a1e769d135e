package io.hookline.kafka.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CompactedTopicTest {

    private static final String TOPIC = "hookline.webhooks";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final TopicPartition p0 = new TopicPartition(TOPIC, 0);
    private final TopicPartition p1 = new TopicPartition(TOPIC, 1);
    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");

    @Test
    void shouldReadEveryPartitionToItsEndKeepingTheLatestValueOfEachKey() {
        // given two partitions with a key written twice and another one deleted (a tombstone)
        givenTopic(Map.of(p0, 4L, p1, 1L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(p0, 0, "wh_1", "v1"));
            consumer.addRecord(record(p0, 1, "wh_2", "v1"));
            consumer.addRecord(record(p1, 0, "wh_3", "v1"));
        });
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(p0, 2, "wh_1", "v2"));
            consumer.addRecord(record(p0, 3, "wh_2", null));
        });
        Map<String, String> latest = new HashMap<>();

        // when
        CompactedTopic.readToEnd(consumer, TOPIC, TIMEOUT, Duration.ofMillis(1), r -> {
            if (r.value() == null) {
                latest.remove(r.key());
            } else {
                latest.put(r.key(), r.value());
            }
        });

        // then it stopped at the ends, with no group of its own
        assertThat(latest).containsOnly(Map.entry("wh_1", "v2"), Map.entry("wh_3", "v1"));
        assertThat(consumer.assignment()).containsExactlyInAnyOrder(p0, p1);
        assertThat(consumer.subscription()).isEmpty();
    }

    @Test
    void shouldReadATopicThatDoesNotExistAsEmpty() {
        consumer.updatePartitions(TOPIC, List.of());
        List<String> read = new java.util.ArrayList<>();

        CompactedTopic.readToEnd(consumer, TOPIC, TIMEOUT, Duration.ofMillis(1), r -> read.add(r.key()));

        assertThat(read).isEmpty();
        assertThat(consumer.assignment()).isEmpty();
    }

    @Test
    void shouldStartAFollowingReaderAtTheEnd() {
        givenTopic(Map.of(p0, 5L, p1, 2L));

        CompactedTopic.assignAll(consumer, TOPIC, TIMEOUT, true);

        assertThat(consumer.position(p0)).isEqualTo(5);
        assertThat(consumer.position(p1)).isEqualTo(2);
    }

    @Test
    void shouldReleaseThoseWhoAskedOnlyOnceWhatWasWrittenBeforeTheyAskedIsRead() {
        // given a view at the beginning of a topic holding two records, and a caller asking then
        givenTopic(Map.of(p0, 2L, p1, 0L));
        List<TopicPartition> partitions = CompactedTopic.assignAll(consumer, TOPIC, TIMEOUT, false);
        CatchUps catchUps = new CatchUps();
        CompletableFuture<Void> asked = catchUps.ask();

        // when the view has read one of the two
        consumer.addRecord(record(p0, 0, "wh_1", "v1"));
        consumer.poll(Duration.ZERO);
        catchUps.check(consumer, partitions);

        // then the caller still waits
        assertThat(asked).isNotDone();

        // and when it has read the other
        consumer.addRecord(record(p0, 1, "wh_2", "v1"));
        consumer.poll(Duration.ZERO);
        catchUps.check(consumer, partitions);

        // then
        assertThat(asked).isCompleted();
    }

    @Test
    void shouldFailThoseWaitingWhenTheViewStops() {
        givenTopic(Map.of(p0, 2L, p1, 0L));
        List<TopicPartition> partitions = CompactedTopic.assignAll(consumer, TOPIC, TIMEOUT, false);
        CatchUps catchUps = new CatchUps();
        CompletableFuture<Void> registered = catchUps.ask();
        catchUps.check(consumer, partitions);
        CompletableFuture<Void> late = catchUps.ask();

        catchUps.failAll(new IllegalStateException("view stopped"));

        assertThat(registered).isCompletedExceptionally();
        assertThat(late).isCompletedExceptionally();
    }

    private void givenTopic(Map<TopicPartition, Long> ends) {
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(TOPIC, ends.keySet().stream()
                .map(p -> new PartitionInfo(TOPIC, p.partition(), node, new Node[] {node}, new Node[] {node})).toList());
        Map<TopicPartition, Long> beginnings = new HashMap<>();
        ends.keySet().forEach(p -> beginnings.put(p, 0L));
        consumer.updateBeginningOffsets(beginnings);
        consumer.updateEndOffsets(ends);
    }

    private static ConsumerRecord<String, String> record(TopicPartition partition, long offset, String key, String value) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, key, value);
    }
}
