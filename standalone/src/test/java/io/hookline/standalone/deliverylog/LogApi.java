package io.hookline.standalone.deliverylog;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.AttemptStatusSymbol;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.TriggerSymbol;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import io.hookline.standalone.HooklineClient.Response;
import io.hookline.standalone.HooklineClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

/** The delivery-log API as a client calls it, and attempts written to the log as the deliverer writes them. */
final class LogApi {

    private final HooklineClient http;

    LogApi(String baseUrl, String key) {
        this.http = new HooklineClient(baseUrl, key);
    }

    Response get(String path) {
        return http.get(path);
    }

    Response post(String path, String json) {
        return http.post(path, json);
    }

    /** Creates a webhook on the URL for one event type and returns its id. */
    String webhook(String url, String eventType) {
        Response created = post("/v4/webhooks", "{\"url\": \"" + url + "\", \"events\": [\"" + eventType + "\"]}");
        if (created.status() != 201) {
            throw new AssertionError("webhook not created: " + created);
        }
        return created.body().path("data").path("id").asString();
    }

    /** Every row of a list, page by page through the cursors; also returns how many pages it took. */
    List<JsonNode> all(String path, int limit) {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        do {
            String page = path + (path.contains("?") ? "&" : "?") + "limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            Response response = get(page);
            if (response.status() != 200) {
                throw new AssertionError(page + " answered " + response);
            }
            response.body().path("data").forEach(rows::add);
            JsonNode next = response.body().path("nextCursor");
            cursor = next.isNull() || next.isMissingNode() ? null : next.asString();
        } while (cursor != null);
        return rows;
    }

    static DeliveryAttempt.Builder attempt(String webhookId, String deliveryId, String eventType, int number, String status, Instant at) {
        String body = "{\"event\":\"" + eventType + "\",\"timestamp\":\"" + at + "\",\"webhook_id\":\"" + webhookId
                + "\",\"delivery_id\":\"" + deliveryId + "\",\"tenant_id\":\"default\",\"data\":{\"n\":" + number + "}}";
        return DeliveryAttempt.newBuilder().setAttemptId(Ids.random(Ids.ATTEMPT)).setDeliveryId(deliveryId).setWebhookId(webhookId)
                .setTenantId("default").setEventId("evt_" + deliveryId).setEventType(eventType).setAttempt(number)
                .setTrigger(number == 1 ? TriggerSymbol.scheduled : TriggerSymbol.retry).setStatus(AttemptStatusSymbol.valueOf(status)).setAttemptedAt(at).setDurationMs(10 + number)
                .setUrl("https://example.com/hook").setRequestHeaders(Map.of("webhook-id", deliveryId)).setRequestBody(body)
                .setResponseHeaders(Map.of());
    }

    /** Writes the attempts to the delivery log of the cluster, keyed by webhook id as the deliverer does. */
    static void publish(String bootstrapServers, List<DeliveryAttempt> attempts) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(new KafkaConnection(bootstrapServers).producer("it-log"),
                new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (DeliveryAttempt attempt : attempts) {
                sent.add(producer.send(new ProducerRecord<>(Topics.DELIVERY_LOG.name(), attempt.getWebhookId(),
                        Topics.DELIVERY_LOG.valueSerde().serializer().serialize(Topics.DELIVERY_LOG.name(), attempt))));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
