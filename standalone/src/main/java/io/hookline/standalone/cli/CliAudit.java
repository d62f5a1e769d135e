package io.hookline.standalone.cli;

import io.hookline.schemas.audit.Actor;
import io.hookline.schemas.audit.AuditEntries;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.avro.AuditEntry;
import io.hookline.schemas.avro.AuditResourceType;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.TopicCreator;
import io.hookline.schemas.topics.Topics;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI's writer of {@code hookline.audit-log}: entries made by {@link AuditEntries}, as the gateway's are,
 * with the actor {@code system}/{@code cli} through {@code command}, the run's id as request id and the command as
 * reason. The rule is the gateway's: the change is written first, its entry right after, and the command reports
 * success only once both are acknowledged; an entry that cannot be written fails the command, saying the change
 * was applied and printing the (redacted) entry, never a change without its entry in silence.
 */
final class CliAudit implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KafkaConnection connection;
    private final AuditEntries entries;
    private final Actor actor;
    private KafkaProducer<String, AuditEntry> producer;

    /** @param command what the operator ran, e.g. {@code hookline users create}: the entries' reason */
    CliAudit(String bootstrapServers, Clock clock, String command) {
        this.connection = new KafkaConnection(bootstrapServers);
        this.entries = new AuditEntries(JsonMapper.builder().build(), clock);
        byte[] run = new byte[12];
        RANDOM.nextBytes(run);
        this.actor = Actor.cli("cli_" + HexFormat.of().formatHex(run), command);
    }

    /** Records a change the command made to a team's resource, and returns once the cluster acknowledged it. */
    void changed(String teamId, AuditAction action, AuditResourceType type, String resourceId, Object before, Object after) {
        AuditEntry entry = entries.entry(actor, teamId, action, type, resourceId, before, after);
        try {
            producer().send(new ProducerRecord<>(Topics.AUDIT_LOG.name(), AuditEntries.partitionOf(entry), entry.getTeamId(), entry))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notWritten(entry, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw notWritten(entry, (e.getCause() == null ? e : e.getCause()).getMessage());
        }
    }

    private KafkaProducer<String, AuditEntry> producer() {
        if (producer == null) {
            try (Admin admin = Admin.create(connection.admin())) {
                // a CLI run against a fresh cluster must not auto-create the retained topic with the broker's defaults
                TopicCreator.ensureTopics(admin, List.of(Topics.AUDIT_LOG), connection.replicationFactor(), TIMEOUT);
            }
            producer = new KafkaProducer<>(connection.producer("hookline-cli-audit"), new StringSerializer(),
                    Topics.AUDIT_LOG.valueSerde().serializer());
        }
        return producer;
    }

    private static CliException notWritten(AuditEntry entry, String why) {
        return new CliException("the change was applied, but its audit entry could not be written (" + why + "); the entry: " + entry);
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
