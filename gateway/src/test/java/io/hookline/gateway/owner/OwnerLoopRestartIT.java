package io.hookline.gateway.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.gateway.kafka.GatewayAdmin;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.schemas.avro.CommandResult;
import io.hookline.schemas.avro.Doc;
import io.hookline.schemas.avro.DocAction;
import io.hookline.schemas.avro.DocCommand;
import io.hookline.schemas.avro.DocOutcome;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.SharedKafka;
import io.hookline.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** One owner (the lone gateway's case) whose work throws an unexpected exception, on a real broker. */
class OwnerLoopRestartIT {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final FlakyDocs kind = new FlakyDocs("owner-restart-it-" + UUID.randomUUID());
    private final KafkaConnection connection = new KafkaConnection(SharedKafka.bootstrapServers());
    private GatewayAdmin admin;
    private TopicView<Doc> view;
    private GatewayPublisher publisher;
    private Outcomes<DocOutcome> outcomes;
    private Commander<DocCommand, Doc, DocOutcome> commander;
    private OwnerLoop<DocCommand, Doc, DocOutcome> loop;

    @BeforeEach
    void start() throws Exception {
        try (Admin topics = Admin.create(connection.admin())) {
            topics.createTopics(kind.topics().stream().map(t -> new NewTopic(t.name(), 1, (short) 1).configs(t.configs())).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
        admin = new GatewayAdmin(connection, 0);
        for (var topic : kind.topics()) { // created: known to the broker's metadata once its end can be listed
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> admin.endOffset(topic.name(), 0).get() >= 0);
        }
        view = new TopicView<>(kind.states(), connection, kind.name() + "-view", 0);
        publisher = new GatewayPublisher(connection);
        outcomes = new Outcomes<>(kind, connection, 0);
        commander = new Commander<>(kind, view, publisher, outcomes, WRITE_TIMEOUT);
        view.start();
        outcomes.start();
    }

    private void startOwner(Backoff backoff) {
        loop = new OwnerLoop<>(kind, connection, view, admin, publisher, WRITE_TIMEOUT, 0, backoff);
        loop.start();
    }

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.stop();
        }
        outcomes.stop();
        view.stop();
        publisher.close();
        admin.close();
    }

    @Test
    void shouldApplyTheFailedCommandOnceAndALaterOneAfterAnUnexpectedFailure() {
        // given one owner, whose work fails once on a command
        startOwner(OwnerLoop.backoff());
        kind.failOn("flaky", 1);
        DocCommand flaky = create("flaky");
        CompletableFuture<DocOutcome> flakyOutcome = outcomes.expect(flaky.getCommandId());

        // when that command is sent, then another
        publisher.send(kind.commands(), 0, "flaky", flaky).block(WRITE_TIMEOUT);
        Reply<Doc> later = commander.ask(create("later"), Duration.ofSeconds(60)).block();

        // then the later one is applied and answered, and the failed one was read again and applied once
        assertThat(later.result()).isEqualTo(CommandResult.APPLIED);
        assertThat(flakyOutcome).succeedsWithin(Duration.ofSeconds(5)).extracting(DocOutcome::getResult).isEqualTo(CommandResult.APPLIED);
        List<ConsumerRecord<String, Doc>> states = TestKafka.consumeUntil(kind.states(), "check-" + UUID.randomUUID(),
                read -> read.stream().anyMatch(r -> "later".equals(r.key())), Duration.ofSeconds(30));
        assertThat(states).extracting(ConsumerRecord::key).containsExactly("flaky", "later");
        List<ConsumerRecord<String, DocOutcome>> answers = TestKafka.consumeUntil(kind.outcomes(), "check-" + UUID.randomUUID(),
                read -> read.stream().anyMatch(r -> "later".equals(r.value().getDocId())), Duration.ofSeconds(30));
        assertThat(answers).extracting(r -> r.value().getDocId()).containsExactly("flaky", "later");
        assertThat(loop.restartingBecause()).isEmpty();
    }

    @Test
    void shouldDeadLetterACommandThatFailsOnEveryRestartAndReportTheRestartInHealth() {
        // given one owner, whose work always fails on a command
        startOwner(OwnerLoop.backoff());
        OwnersHealthIndicator health = new OwnersHealthIndicator(() -> List.of(loop));
        kind.failOn("poison", Integer.MAX_VALUE);
        DocCommand poison = create("poison");

        // when it is sent
        publisher.send(kind.commands(), 0, "poison", poison).block(WRITE_TIMEOUT);

        // then health says the owner is restarting, and the failure's class, without its message or a stack trace
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> health.health().getStatus().equals(Status.DOWN));
        Health down = health.health();
        assertThat(down.getDetails()).containsKey(kind.name());
        assertThat(down.getDetails().get(kind.name()).toString()).contains("restarting", "IllegalStateException")
                .doesNotContain("injected failure", "\tat ", "Exception\n");

        // and a later command is applied once the poison went to the dead letters, with the reason
        Reply<Doc> later = commander.ask(create("later"), Duration.ofSeconds(90)).block();
        assertThat(later.result()).isEqualTo(CommandResult.APPLIED);
        List<ConsumerRecord<String, byte[]>> dead = TestKafka.consumeUntil(kind.deadLetters(), "check-" + UUID.randomUUID(),
                read -> !read.isEmpty(), Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("poison");
            assertThat(new String(r.headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8))
                    .contains("injected failure on doc poison");
        });
        List<ConsumerRecord<String, DocOutcome>> answers = TestKafka.consumeUntil(kind.outcomes(), "check-" + UUID.randomUUID(),
                read -> read.stream().anyMatch(r -> "later".equals(r.value().getDocId())), Duration.ofSeconds(30));
        assertThat(answers).extracting(r -> r.value().getDocId()).containsExactly("later");
        await().atMost(Duration.ofSeconds(30)).until(() -> health.health().getStatus().equals(Status.UP));
    }

    @Test
    void shouldDeadLetterACommandWhoseTransactionFailsUnexpectedlyEveryTimeAndWriteNothingOfIt() {
        // given one owner, and a command whose outcome cannot be made, inside the transaction
        startOwner(OwnerLoop.backoff());
        publisher.send(kind.commands(), 0, "no-outcome", create("no-outcome")).block(WRITE_TIMEOUT);

        // when a later command is sent
        Reply<Doc> later = commander.ask(create("later"), Duration.ofSeconds(90)).block();

        // then it is applied, the first is in the dead letters, and its aborted state write is never read
        assertThat(later.result()).isEqualTo(CommandResult.APPLIED);
        List<ConsumerRecord<String, byte[]>> dead = TestKafka.consumeUntil(kind.deadLetters(), "check-" + UUID.randomUUID(),
                read -> !read.isEmpty(), Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(r -> assertThat(new String(r.headers().lastHeader(Topics.DLQ_REASON_HEADER).value(),
                StandardCharsets.UTF_8)).contains("3 times", "injected failure in the outcome of doc no-outcome"));
        List<ConsumerRecord<String, Doc>> states = TestKafka.consumeUntil(kind.states(), "check-" + UUID.randomUUID(),
                read -> read.stream().anyMatch(r -> "later".equals(r.key())), Duration.ofSeconds(30));
        assertThat(states).extracting(ConsumerRecord::key).containsExactly("later");
    }

    @Test
    void shouldStopDuringABackOff() {
        // given one owner waiting a long back-off after an unexpected failure
        startOwner(new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10)));
        kind.failOn("poison", Integer.MAX_VALUE);
        publisher.send(kind.commands(), 0, "poison", create("poison")).block(WRITE_TIMEOUT);
        await().atMost(Duration.ofSeconds(30)).until(() -> loop.restartingBecause().isPresent());

        // when it is stopped
        loop.stop();

        // then its thread has ended (stop waits for it only so long)
        assertThat(loop.threadAlive()).isFalse();
    }

    private static DocCommand create(String id) {
        Instant now = Instant.now();
        return DocCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setDocId(id).setTeamId("team-a")
                .setAction(DocAction.CREATE).setDoc(new Doc(id, "team-a", id, List.of(), false, now, now))
                .setIssuedBy("owner-restart-it").setIssuedAt(now).build();
    }
}
