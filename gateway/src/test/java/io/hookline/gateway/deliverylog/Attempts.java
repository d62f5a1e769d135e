package io.hookline.gateway.deliverylog;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.AttemptStatusSymbol;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.TriggerSymbol;
import java.time.Instant;
import java.util.Map;

/** Delivery attempts as the deliverer logs them, for tests. */
public final class Attempts {

    private Attempts() {
    }

    public static DeliveryAttempt attempt(String webhookId, String deliveryId, int number, String status, Integer code, String body,
            String error, Instant at) {
        return DeliveryAttempt.newBuilder()
                .setAttemptId(Ids.random(Ids.ATTEMPT))
                .setDeliveryId(deliveryId)
                .setWebhookId(webhookId)
                .setTenantId("team_a")
                .setEventId("evt_1")
                .setEventType("webhook.test")
                .setAttempt(number)
                .setTrigger(TriggerSymbol.test)
                .setStatus(AttemptStatusSymbol.valueOf(status))
                .setAttemptedAt(at)
                .setDurationMs(12)
                .setUrl("https://example.com/hook")
                .setRequestHeaders(Map.of())
                .setRequestBody("{}")
                .setResponseCode(code)
                .setResponseHeaders(Map.of())
                .setResponseBody(body)
                .setError(error)
                .build();
    }
}
