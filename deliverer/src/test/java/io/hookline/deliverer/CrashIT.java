package io.hookline.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.deliverer.delivery.DeliveryJob;
import io.hookline.deliverer.log.KafkaAttemptLog;
import io.hookline.deliverer.log.RetryingProducer;
import io.hookline.deliverer.request.RequestFactory;
import io.hookline.deliverer.signing.Signer;
import io.hookline.schemas.Ids;
import io.hookline.schemas.states.Trigger;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.ReceivedRequest;
import io.hookline.testsupport.SharedKafka;
import io.hookline.testsupport.DeliveryLog;
import io.hookline.testsupport.TestKafka;
import io.hookline.testsupport.TestReceiver;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a deliverer JVM in the middle of a burst, then a restart: nothing is lost, duplicates
 * keep their id, and only what was in flight at the kill is sent again (issue 17).
 */
class CrashIT {

    private static final int TASKS = 1000;
    private static final int WEBHOOKS = 10;

    @Test
    void shouldDeliverEveryTaskAtLeastOnceAfterTheDelivererIsKilledMidBurst() throws Exception {
        try (TestReceiver receiver = TestReceiver.https(); KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            // given a group positioned at the end of the topics, and a burst of tasks for 10 webhooks
            String group = "it-crash-" + Ids.random("");
            positionAtEnd(group);
            List<DeliveryTask> webhooks = webhooks(producer, receiver, "/crash/", WEBHOOKS);
            List<DeliveryTask> tasks = burst(producer, webhooks);

            // when a deliverer JVM starts on them and is killed as soon as deliveries arrive
            Process first = startDeliverer(group, receiver, "first");
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> !receiver.requests().isEmpty());
            } finally {
                first.destroyForcibly().waitFor();
            }
            int beforeRestart = receiver.requests().size();

            // and another one starts in the same group
            Process second = startDeliverer(group, receiver, "second");
            try {
                Set<String> ids = tasks.stream().map(DeliveryTask::getDeliveryId).collect(Collectors.toSet());
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                        receiver.requests().stream().map(r -> r.headers().get("webhook-id")).collect(Collectors.toSet()).containsAll(ids));

                // then the kill happened mid-burst, every delivery reached the receiver and has a recorded attempt
                assertThat(beforeRestart).isLessThan(TASKS);
                List<String> webhookIds = webhooks.stream().map(DeliveryTask::getWebhookId).toList();
                List<DeliveryAttempt> attempts = DeliveryLog.awaitAttemptsMatching(webhookIds,
                        all -> all.stream().map(DeliveryAttempt::getDeliveryId).collect(Collectors.toSet()).containsAll(ids),
                        Duration.ofSeconds(60));
                assertThat(attempts).extracting(DeliveryAttempt::getDeliveryId).containsAll(ids);
                assertThat(attempts).extracting(a -> a.getStatus().name()).containsAnyOf("succeeded")
                        .doesNotContain("skipped");

                // and a delivery sent twice carries the same id and body both times
                Map<String, Set<String>> bodiesById = new HashMap<>();
                for (ReceivedRequest request : receiver.requests()) {
                    bodiesById.computeIfAbsent(request.headers().get("webhook-id"), id -> new java.util.HashSet<>()).add(request.body());
                }
                assertThat(bodiesById.keySet()).isEqualTo(ids);
                assertThat(bodiesById.values()).allSatisfy(bodies -> assertThat(bodies).hasSize(1));
            } finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    @Test
    void shouldStillDeliverATaskWhoseDeliveryWasOnlyPendingWhenTheDelivererCrashed() throws Exception {
        try (TestReceiver receiver = TestReceiver.https(); KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            // given a task that a deliverer logged as pending (rate limited) and then crashed before attempting
            DeliveryTask task = Fixtures.task(receiver.url("/pending-crash"), Fixtures.newSecret()).build();
            Fixtures.publishWebhookOf(producer, task);
            Instant expected = Instant.now().plusSeconds(1);
            ScheduledExecutorService recordThread = Executors.newSingleThreadScheduledExecutor();
            try {
                new DeliveryJob(new RequestFactory(new Signer(Clock.systemUTC()), Fixtures.CIPHER, "X-Define-"), request -> {
                    throw new AssertionError("nothing is sent here");
                }, new KafkaAttemptLog(new RetryingProducer(producer, recordThread, Duration.ofSeconds(1))),
                        Clock.systemUTC()).pending(task, "rate limited until " + expected, expected);
                DeliveryLog.awaitLogMatching(List.of(task.getWebhookId()), all -> !all.isEmpty(), Duration.ofSeconds(20));
            } finally {
                recordThread.shutdown();
            }

            // when a new deliverer takes the partition (reading the delivery log back) and the task is read again
            try (RunningDeliverer deliverer = RunningDeliverer.start("hookline.delivery.allowed-cidrs=127.0.0.0/8",
                    "hookline.delivery.extra-ca-certs=" + receiver.caCertificatePem())) {
                publish(producer, task);
                producer.flush();

                // then it is delivered: a pending record is a wait, not a finished attempt
                List<DeliveryAttempt> attempts = DeliveryLog.awaitAttempts(List.of(task.getWebhookId()), 1, Duration.ofSeconds(30));
                assertThat(attempts).singleElement().satisfies(a -> {
                    assertThat(a.getStatus().name()).isEqualTo("succeeded");
                    assertThat(a.getAttempt()).isEqualTo(1);
                });
                assertThat(receiver.requests("/pending-crash")).hasSize(1);
            }
        }
    }

    @Test
    void shouldSendAgainOnlyWhatWasInFlightWhenTheDelivererIsKilledMidBurst() throws Exception {
        try (TestReceiver receiver = TestReceiver.https(); KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            // given a group at the end of the topics and a burst of tasks for 5 webhooks, 4 in flight per
            // webhook: at most 20 attempts are in flight at any moment
            String group = "it-crash-bound-" + Ids.random("");
            positionAtEnd(group);
            List<DeliveryTask> webhooks = webhooks(producer, receiver, "/bound/", 5);
            List<DeliveryTask> tasks = burst(producer, webhooks);

            // when a deliverer JVM is killed (SIGKILL) once a third of them arrived
            Process first = startDeliverer(group, receiver, "bound-first");
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() -> receiver.requests().size() >= TASKS / 3);
            } finally {
                first.destroyForcibly().waitFor();
            }
            Instant killed = Instant.now();
            Map<String, Long> atKill = countById(receiver.requests());
            // and, as a router crash would, the first 400 tasks are routed again, and one delivered task is re-delivered by hand
            tasks.subList(0, 400).forEach(task -> publish(producer, task));
            DeliveryTask manual = DeliveryTask.newBuilder(tasks.get(0)).setAttempt(2).setTrigger(Trigger.MANUAL.symbol()).build();
            publish(producer, manual);
            producer.flush();
            Process second = startDeliverer(group, receiver, "bound-second");
            try {
                // and the second deliverer has read and finished every task (its committed offsets are at the end)
                Map<TopicPartition, Long> ends = endOffsets(Topics.DELIVERIES.name());
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> committedAt(group, ends));
                Set<String> ids = tasks.stream().map(DeliveryTask::getDeliveryId).collect(Collectors.toSet());
                List<DeliveryAttempt> attempts = DeliveryLog.awaitAttemptsMatching(webhooks.stream().map(DeliveryTask::getWebhookId).toList(),
                        all -> all.stream().filter(a -> a.getStatus().name().equals("succeeded")).map(DeliveryAttempt::getDeliveryId)
                                .collect(Collectors.toSet()).containsAll(ids)
                                && all.stream().anyMatch(a -> Trigger.MANUAL.is(a.getTrigger())),
                        Duration.ofSeconds(60));

                // then the delivery log has a success for every delivery
                assertThat(attempts).filteredOn(a -> a.getStatus().name().equals("succeeded")).extracting(DeliveryAttempt::getDeliveryId)
                        .containsAll(ids);
                // and no delivery whose success was recorded before the kill was sent again, except the manual one
                Set<String> recordedBeforeKill = attempts.stream()
                        .filter(a -> a.getStatus().name().equals("succeeded") && a.getAttemptedAt().isBefore(killed))
                        .map(DeliveryAttempt::getDeliveryId).collect(Collectors.toSet());
                Set<String> retried = attempts.stream().filter(a -> !a.getStatus().name().equals("succeeded"))
                        .map(DeliveryAttempt::getDeliveryId).collect(Collectors.toSet());
                Map<String, Long> received = countById(receiver.requests());
                Set<String> twice = received.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                        .filter(id -> !id.equals(manual.getDeliveryId()) && !retried.contains(id)).collect(Collectors.toSet());
                Set<String> unseenAtKill = twice.stream().filter(id -> !atKill.containsKey(id)).collect(Collectors.toSet());
                System.out.printf("CrashIT bound: %d received before the kill, %d of them recorded; %d received twice, %d of them unseen at the kill%n",
                        atKill.size(), recordedBeforeKill.size(), twice.size(), unseenAtKill.size());
                assertThat(recordedBeforeKill).isNotEmpty();
                assertThat(twice).doesNotContainAnyElementsOf(recordedBeforeKill);
                // and those sent twice that had not reached the receiver at the kill are at most those in flight
                // (4 per webhook); the others had been answered, their records still waiting in the producer
                assertThat(unseenAtKill).hasSizeLessThanOrEqualTo(20);
                // and the manual re-delivery was sent on purpose
                assertThat(received.get(manual.getDeliveryId())).isGreaterThanOrEqualTo(2L);
            } finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    /** A first task of each of n new webhooks, the webhooks published. */
    private static List<DeliveryTask> webhooks(KafkaProducer<String, byte[]> producer, TestReceiver receiver, String path, int n)
            throws Exception {
        List<DeliveryTask> webhooks = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            // retries too: under load on a shared machine an attempt can time out before it reaches the receiver
            DeliveryTask first = Fixtures.task(receiver.url(path + w), Fixtures.newSecret())
                    .setRetryPolicy(new RetryPolicy("exponential", List.of("1s", "1s", "1s", "1s"))).build();
            Fixtures.publishWebhookOf(producer, first);
            webhooks.add(first);
        }
        return webhooks;
    }

    /** TASKS tasks of new events, spread over the webhooks in turn, published. */
    private static List<DeliveryTask> burst(KafkaProducer<String, byte[]> producer, List<DeliveryTask> webhooks) {
        List<DeliveryTask> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            DeliveryTask of = webhooks.get(i % webhooks.size());
            String eventId = Ids.random(Ids.EVENT);
            tasks.add(DeliveryTask.newBuilder(of).setEventId(eventId).setDeliveryId(Ids.deliveryId(eventId, of.getWebhookId())).build());
        }
        tasks.forEach(task -> publish(producer, task));
        producer.flush();
        return tasks;
    }

    private static void publish(KafkaProducer<String, byte[]> producer, DeliveryTask task) {
        byte[] value = Topics.DELIVERIES.valueSerde().serializer().serialize(Topics.DELIVERIES.name(), task);
        producer.send(new ProducerRecord<>(Topics.DELIVERIES.name(), task.getWebhookId(), value));
    }

    private static Map<String, Long> countById(List<ReceivedRequest> requests) {
        return requests.stream().collect(Collectors.groupingBy(r -> r.headers().get("webhook-id"), Collectors.counting()));
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < Topics.DELIVERIES.partitions(); p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }

    private static boolean committedAt(String group, Map<TopicPartition, Long> ends) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue());
        }
    }

    private static void positionAtEnd(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            for (String topic : List.of(Topics.DELIVERIES.name(), Topics.DELIVERY_RETRIES.name(), Topics.DELIVERY_RETRIES_LATER.name())) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
                Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
                admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
                String groupId = topic.equals(Topics.DELIVERIES.name()) ? group
                        : topic.equals(Topics.DELIVERY_RETRIES.name()) ? group + "-retries" : group + "-retries-later";
                admin.alterConsumerGroupOffsets(groupId, ends).all().get();
            }
        }
    }

    private static Process startDeliverer(String group, TestReceiver receiver, String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                DelivererApplication.class.getName(),
                "--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off",
                "--hookline.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--hookline.secrets.key=" + Fixtures.KEY,
                "--hookline.delivery.consumer-group=" + group,
                // the killed member leaves no goodbye: let the group notice within seconds, not 45 s
                "--hookline.kafka.properties.session.timeout.ms=6000",
                "--hookline.kafka.properties.heartbeat.interval.ms=1000",
                "--hookline.delivery.allowed-cidrs=127.0.0.0/8",
                "--hookline.delivery.max-in-flight-per-endpoint=4",
                "--hookline.delivery.extra-ca-certs=" + receiver.caCertificatePem());
        File log = new File("target/crash-" + name + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }
}
