package io.hookline.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaClusterIT {

    @TempDir
    Path dir;

    @Test
    void shouldReplicateAcrossThreeBrokersAndAcceptWritesWithOneDown() throws Exception {
        try (EmbeddedKafka cluster = EmbeddedKafka.startCluster(dir, 0, 3);
                Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            // given a 3-broker cluster and a topic with three copies, two of which must have each write
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
            admin.createTopics(List.of(new NewTopic("t", 3, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all().get(30, TimeUnit.SECONDS);

            // when one broker stops
            cluster.stopNode(3);

            // then acks=all writes still succeed on every partition
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                    "acks", "all", "delivery.timeout.ms", "60000"), new StringSerializer(), new StringSerializer())) {
                for (int partition = 0; partition < 3; partition++) {
                    producer.send(new ProducerRecord<>("t", partition, "k", "with one broker down")).get(60, TimeUnit.SECONDS);
                }
            }

            // and once it is back, it catches up into every partition's in-sync replicas
            cluster.startNode(3);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                TopicDescription topic = admin.describeTopics(List.of("t")).allTopicNames().get(10, TimeUnit.SECONDS).get("t");
                return topic.partitions().stream().allMatch(p -> p.isr().size() == 3);
            });
        }
    }
}
