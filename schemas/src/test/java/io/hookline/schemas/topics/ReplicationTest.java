package io.hookline.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplicationTest {

    @Test
    void shouldKeepThreeCopiesTwoInSyncOnAClusterOfThreeOrMore() {
        assertThat(Replication.forBrokers(3)).isEqualTo(new Replication((short) 3, 2));
        assertThat(Replication.forBrokers(7)).isEqualTo(new Replication((short) 3, 2));
    }

    @Test
    void shouldKeepOneCopyPerBrokerOnSmallerClusters() {
        assertThat(Replication.forBrokers(1)).isEqualTo(new Replication((short) 1, 1));
        assertThat(Replication.forBrokers(2)).isEqualTo(new Replication((short) 2, 1));
    }

    @Test
    void shouldRequireAMajorityOfAConfiguredFactor() {
        assertThat(Replication.of(5)).isEqualTo(new Replication((short) 5, 3));
        assertThatThrownBy(() -> Replication.of(0)).hasMessageContaining("hookline.kafka.replication-factor");
    }

    @Test
    void shouldCreateATopicWithItsReplication() {
        assertThat(Topics.EVENTS.newTopic(Replication.of(3)).replicationFactor()).isEqualTo((short) 3);
        assertThat(Topics.EVENTS.newTopic(Replication.of(3)).configs()).containsEntry("min.insync.replicas", "2");
        assertThat(Topics.EVENTS.newTopic(Replication.of(1)).configs()).containsEntry("min.insync.replicas", "1");
    }

    @Test
    void shouldNameTheSettingWhenTheClusterHasTooFewBrokersForTheFactor() {
        IllegalStateException failure = TopicCreator.failure(
                new org.apache.kafka.common.errors.InvalidReplicationFactorException("Replication factor: 3 larger than available brokers: 1."),
                Replication.of(3));

        assertThat(failure).hasMessageContaining("hookline.kafka.replication-factor").hasMessageContaining("3 replicas")
                .hasMessageContaining("larger than available brokers");
    }

    @Test
    void shouldSayWhatElseWentWrongCreatingATopic() {
        IllegalStateException failure = TopicCreator.failure(
                new org.apache.kafka.common.errors.PolicyViolationException("no"), Replication.of(1));

        assertThat(failure).hasMessageStartingWith("Could not create the catalog's topics").hasMessageContaining("no");
    }
}
