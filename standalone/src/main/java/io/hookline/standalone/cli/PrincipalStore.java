package io.hookline.standalone.cli;

import io.hookline.gateway.kafka.GatewayAdmin;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.owner.Commander;
import io.hookline.gateway.owner.OwnerLoop;
import io.hookline.gateway.owner.Outcomes;
import io.hookline.gateway.user.PrincipalCommands;
import io.hookline.gateway.web.ApiException;
import io.hookline.kafka.view.CompactedTopic;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.avro.PrincipalCommand;
import io.hookline.schemas.avro.PrincipalOutcome;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.TopicCreator;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The users on {@code hookline.principals} as the CLI sees and changes them. Reading is a snapshot of the
 * compacted topic ({@link CompactedTopic}). A new user is never written straight to the topic: the CLI asks
 * the one writer, as a gateway does, with a command, and for the run it is one of the owners itself (it
 * joins their consumer group and runs the same owner loop and transactions). So the command is applied in
 * order with every gateway's, by whichever member owns the partition: a running gateway, or the CLI when
 * none runs (the first set-up), and never from a stale view.
 */
final class PrincipalStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConnection connection;

    PrincipalStore(String bootstrapServers) {
        this.connection = new KafkaConnection(bootstrapServers);
    }

    /** Every current user (revoked ones included). */
    List<Principal> all() {
        ensureTopics();
        Map<String, Object> props = connection.consumer(null);
        props.put("client.id", "hookline-cli-principals");
        props.put("allow.auto.create.topics", false);
        try (KafkaConsumer<String, Principal> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.PRINCIPALS.valueSerde().deserializer())) {
            Map<String, Principal> latest = new HashMap<>();
            CompactedTopic.readToEnd(consumer, Topics.PRINCIPALS.name(), TIMEOUT, Duration.ofMillis(200), record -> {
                if (record.value() == null) {
                    latest.remove(record.key());
                } else {
                    latest.put(record.key(), record.value());
                }
            });
            return new ArrayList<>(latest.values());
        }
    }

    /** Creates the team's first user, its owner; refused when the team has users already. */
    void createTeam(Principal owner) {
        ask(PrincipalCommands.createTeam(owner, "cli", Instant.now()));
    }

    /** Creates a user of an existing team; refused when the team has a user with this email. */
    void create(Principal principal) {
        ask(PrincipalCommands.create(principal, "cli", Instant.now()));
    }

    /** Sends the command and takes part in applying it (see the class comment); returns once it is applied. */
    private void ask(PrincipalCommand command) {
        ensureTopics();
        PrincipalCommands kind = PrincipalCommands.KIND;
        try (GatewayAdmin admin = new GatewayAdmin(connection, 0); GatewayPublisher publisher = new GatewayPublisher(connection)) {
            TopicView<Principal> view = new TopicView<>(Topics.PRINCIPALS, connection, "hookline-cli-principals", 0);
            Outcomes<PrincipalOutcome> outcomes = new Outcomes<>(kind, connection, 0);
            OwnerLoop<PrincipalCommand, Principal, PrincipalOutcome> owner = new OwnerLoop<>(kind, connection, view, admin, publisher, TIMEOUT, 0);
            view.start();
            outcomes.start();
            owner.start();
            try {
                new Commander<>(kind, view, publisher, outcomes, TIMEOUT).ask(command, TIMEOUT.multipliedBy(2)).block();
            } catch (ApiException e) {
                throw new CliException(e.getMessage());
            } catch (KafkaUnavailableException e) {
                throw new CliException("Kafka did not apply the change to user " + command.getUserId() + ": " + e.getMessage());
            } finally {
                owner.stop();
                outcomes.stop();
                view.stop();
            }
        }
    }

    /** A CLI run against a fresh cluster must not auto-create the topics with the wrong settings. */
    private void ensureTopics() {
        try (Admin admin = Admin.create(connection.admin())) {
            TopicCreator.ensureTopics(admin, connection.replicationFactor(), TIMEOUT);
        }
    }
}
