package io.hookline.deliverer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.Fixtures;
import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.AttemptStatusSymbol;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.TriggerSymbol;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DelivererMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void shouldExposeOutcomesLatencyAndGaugesInPrometheusFormat() {
        // given
        MeteredAttemptLog log = new MeteredAttemptLog(attempt -> CompletableFuture.completedFuture(null), registry);
        DelivererGauges.register(registry, () -> new DelivererGauges.Source() {
            public int inFlight() { return 3; }
            public int buffered() { return 7; }
            public int retriesWaiting() { return 5; }
            public long consumerLag() { return 11; }
            public int openCircuits() { return 2; }
        });

        // when
        log.record(attempt("succeeded", 12));
        log.record(attempt("succeeded", 30));
        log.record(attempt("retrying", 250));

        // then
        String scrape = registry.scrape();
        assertThat(scrape).contains("hookline_deliveries_total{outcome=\"succeeded\"} 2.0")
                .contains("hookline_deliveries_total{outcome=\"retrying\"} 1.0")
                .contains("hookline_delivery_attempt_seconds_bucket")
                .contains("hookline_delivery_attempt_seconds_count 3")
                .contains("hookline_deliveries_in_flight 3.0")
                .contains("hookline_retries_waiting 5.0")
                .contains("hookline_deliverer_consumer_lag 11.0")
                .contains("hookline_circuits_open 2.0");
    }

    private static DeliveryAttempt attempt(String status, long durationMs) {
        DeliveryTask task = Fixtures.task("https://example.com").build();
        return DeliveryAttempt.newBuilder().setAttemptId(Ids.random(Ids.ATTEMPT)).setDeliveryId(task.getDeliveryId())
                .setWebhookId(task.getWebhookId()).setTenantId(task.getTenantId()).setEventId(task.getEventId())
                .setEventType(task.getEventType()).setAttempt(1).setTrigger(TriggerSymbol.scheduled).setStatus(AttemptStatusSymbol.valueOf(status))
                .setAttemptedAt(Instant.now()).setDurationMs(durationMs).setUrl(task.getUrl()).setRequestHeaders(Map.of())
                .setRequestBody("{}").build();
    }
}
