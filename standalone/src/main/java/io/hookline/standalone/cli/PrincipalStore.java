package io.hookline.standalone.cli;

import io.hookline.kafka.view.CompactedTopic;
import io.hookline.schemas.avro.CommandResult;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.avro.PrincipalAction;
import io.hookline.schemas.avro.PrincipalCommand;
import io.hookline.schemas.avro.PrincipalOutcome;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topic;
import io.hookline.schemas.topics.TopicCreator;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The users on {@code hookline.principals} as the CLI sees and changes them. Reading is a snapshot of the
 * compacted topic ({@link CompactedTopic}). A new user goes to the one writer, as a gateway's request does:
 * when a gateway owns {@code hookline.principal-commands} (its owners' consumer group has members) the CLI
 * sends a {@link PrincipalCommand} and waits for its outcome, so the owner checks the email (or that a new
 * team is empty) against every user, in order with every gateway's change. When no gateway runs (the first
 * set-up) the CLI writes the new principal itself, checked against the snapshot it read: nothing orders two
 * CLI runs at that instant (the README says to run them one at a time then). The CLI may not use the
 * gateway's classes, so it does not take part in the owners' group (see the README's cluster section).
 */
final class PrincipalStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The gateways' consumer group on hookline.principal-commands (gateway owner.OwnerLoop.group). */
    static final String OWNERS_GROUP = "hookline-gateway-principal-commands";

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
        create(owner, true);
    }

    /** Creates a user of an existing team; refused when the team has a user with this email. */
    void create(Principal principal) {
        create(principal, false);
    }

    private void create(Principal principal, boolean newTeam) {
        ensureTopics();
        PrincipalCommand command = PrincipalCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setUserId(principal.getUserId())
                .setTeamId(principal.getTeamId()).setAction(PrincipalAction.CREATE).setPrincipal(principal).setNewTeam(newTeam)
                .setIssuedBy("cli").setIssuedAt(Instant.now()).build();
        try {
            if (ownerRunning()) {
                ask(command);
            } else {
                send(Topics.PRINCIPALS, principal.getUserId(), principal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while writing the user");
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException("Kafka did not take the new user: " + (e.getCause() == null ? e : e.getCause()).getMessage());
        }
    }

    /** Whether a gateway owns the principals' commands now (a group with members). */
    private boolean ownerRunning() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(connection.admin())) {
            return !admin.describeConsumerGroups(List.of(OWNERS_GROUP)).describedGroups().get(OWNERS_GROUP)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).members().isEmpty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                return false; // never formed: no gateway has run against this cluster
            }
            throw e;
        }
    }

    /** Sends the command to the owner and waits for its outcome; a refusal is the CLI's error. */
    private void ask(PrincipalCommand command) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Object> props = connection.consumer(null);
        props.put("client.id", "hookline-cli-principal-outcomes");
        TopicPartition partition = new TopicPartition(Topics.PRINCIPAL_OUTCOMES.name(), 0);
        try (KafkaConsumer<String, PrincipalOutcome> outcomes = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.PRINCIPAL_OUTCOMES.valueSerde().deserializer())) {
            outcomes.assign(List.of(partition));
            outcomes.seekToEnd(List.of(partition));
            outcomes.position(partition, TIMEOUT); // positioned before the command goes: its outcome comes after
            send(Topics.PRINCIPAL_COMMANDS, command.getUserId(), command);
            long deadline = System.nanoTime() + TIMEOUT.multipliedBy(2).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, PrincipalOutcome> record : outcomes.poll(Duration.ofMillis(200))) {
                    PrincipalOutcome outcome = record.value();
                    if (outcome != null && outcome.getCommandId().equals(command.getCommandId())) {
                        if (outcome.getResult() == CommandResult.APPLIED || outcome.getResult() == CommandResult.UNCHANGED) {
                            return;
                        }
                        throw new CliException(outcome.getMessage());
                    }
                }
            }
            throw new CliException("no gateway applied the new user " + command.getUserId() + " within " + TIMEOUT.multipliedBy(2).toSeconds()
                    + " s; it may still be applied: check the team's users (GET /v4/users) before trying again");
        }
    }

    private <V> void send(Topic<String, V> topic, String key, V value) throws InterruptedException, ExecutionException, TimeoutException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(connection.producer("hookline-cli"), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), 0, key, topic.valueSerde().serializer().serialize(topic.name(), value)))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A CLI run against a fresh cluster must not auto-create the topics with the wrong settings. */
    private void ensureTopics() {
        try (Admin admin = Admin.create(connection.admin())) {
            TopicCreator.ensureTopics(admin, connection.replicationFactor(), TIMEOUT);
        }
    }
}
