package io.hookline.testsupport;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.states.AttemptStatus;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads hookline.delivery-log on the {@link SharedKafka} broker for integration tests, in log order, by webhook.
 * A pending record is a wait before a first attempt, not an attempt: the attempt readers leave it out.
 */
public final class DeliveryLog {

    private DeliveryLog() {
    }

    /** Reads the delivery log until it holds at least {@code n} attempts of these webhooks, and returns them. */
    public static List<DeliveryAttempt> awaitAttempts(List<String> webhookIds, int n, Duration timeout) {
        return awaitAttemptsMatching(webhookIds, attempts -> attempts.size() >= n, timeout);
    }

    /** Reads the delivery log until the attempts of these webhooks satisfy {@code done}, and returns them. */
    public static List<DeliveryAttempt> awaitAttemptsMatching(List<String> webhookIds, Predicate<List<DeliveryAttempt>> done,
                                                              Duration timeout) {
        return attemptsOnly(awaitLogMatching(webhookIds, records -> done.test(attemptsOnly(records)), timeout));
    }

    /** Reads the delivery log until the records of these webhooks, pending ones included, satisfy {@code done}. */
    public static List<DeliveryAttempt> awaitLogMatching(List<String> webhookIds, Predicate<List<DeliveryAttempt>> done,
                                                         Duration timeout) {
        return ofWebhooks(TestKafka.consumeUntil(Topics.DELIVERY_LOG, "it-read-" + Ids.random(""),
                records -> done.test(ofWebhooks(records, webhookIds)), timeout), webhookIds);
    }

    private static List<DeliveryAttempt> ofWebhooks(List<ConsumerRecord<String, DeliveryAttempt>> records, List<String> webhookIds) {
        return records.stream().filter(r -> webhookIds.contains(r.key())).map(ConsumerRecord::value).toList();
    }

    private static List<DeliveryAttempt> attemptsOnly(List<DeliveryAttempt> records) {
        return records.stream().filter(a -> !AttemptStatus.PENDING.is(a.getStatus())).toList();
    }
}
