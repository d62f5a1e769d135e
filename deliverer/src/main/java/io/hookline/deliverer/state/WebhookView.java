package io.hookline.deliverer.state;

import io.hookline.kafka.view.CatchUps;
import io.hookline.kafka.view.CompactedTopic;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.states.WebhookStatus;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliverer's materialized view of {@code hookline.webhooks}: every partition read from the
 * beginning, without a consumer group, into a map of the latest state per webhook. A deleted
 * webhook (status {@code deleted}, then a tombstone) is remembered as deleted. Readers that do not
 * find a webhook can wait until the view has read everything written before they asked
 * ({@link #caughtUp()}), so a webhook created just before its first task is never missed. The
 * reading is the shared {@link CompactedTopic} and {@link CatchUps}.
 */
public final class WebhookView implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(WebhookView.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final Consumer<String, byte[]> consumer;
    private final Map<String, Optional<Webhook>> states = new ConcurrentHashMap<>();
    private final CatchUps catchUps = new CatchUps();
    private volatile boolean running = true;

    public WebhookView(Consumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    /** The latest state; an empty optional for a deleted webhook, null for one never seen. */
    public Optional<Webhook> state(String webhookId) {
        return states.get(webhookId);
    }

    /** Applies a change this deliverer wrote itself, before it is read back. */
    void apply(String webhookId, Webhook webhook) {
        states.put(webhookId, Optional.ofNullable(webhook));
    }

    /** Completes once the view has read every record written before this call. */
    public CompletableFuture<Void> caughtUp() {
        return catchUps.ask();
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = CompactedTopic.assignAll(consumer, Topics.WEBHOOKS.name(), Duration.ofSeconds(30), false);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    Webhook webhook;
                    try {
                        webhook = Topics.WEBHOOKS.valueSerde().deserializer().deserialize(record.topic(), record.value());
                    } catch (RuntimeException e) {
                        log.error("Record {}-{}@{} is not a webhook; ignored: {}", record.topic(), record.partition(), record.offset(), e.toString());
                        continue;
                    }
                    boolean deleted = webhook == null || WebhookStatus.DELETED.is(webhook.getStatus());
                    states.put(record.key(), deleted ? Optional.empty() : Optional.of(webhook));
                }
                catchUps.check(consumer, partitions);
            }
        } catch (Throwable e) {
            if (running) {
                log.error("The deliverer's webhook view stopped on an error", e);
            }
        } finally {
            catchUps.failAll(new IllegalStateException("webhook view stopped"));
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }
}
