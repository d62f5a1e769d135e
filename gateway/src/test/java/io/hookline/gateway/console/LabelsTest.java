package io.hookline.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void shouldGroupTypesByTheGuidesCategoriesInItsOrderWithCustomTypesLast() {
        // given
        List<String> types = List.of("user.created", "invoice.paid", "import.failed", "acronym.created", "webhook.test", "category.deleted",
                "collection.updated", "acronym.locked");
        // when
        List<Labels.Group> groups = Labels.groups(types);
        // then
        assertThat(groups).extracting(Labels.Group::name).containsExactly("Acronym", "Category", "User", "Collection", "Bulk Import", "Custom");
        assertThat(groups.get(0).types()).containsExactly("acronym.created", "acronym.locked");
        assertThat(groups.get(5).types()).containsExactly("invoice.paid");
        assertThat(groups).flatExtracting(Labels.Group::types).doesNotContain("webhook.test");
    }

    @Test
    void shouldUseTheGuidesWordsForStatuses() {
        assertThat(List.of("active", "disabled", "verification_failed").stream().map(Labels::webhookStatus))
                .containsExactly("Active", "Disabled", "Verification failed");
        assertThat(List.of("succeeded", "failed", "pending", "retrying", "skipped").stream().map(Labels::deliveryStatus))
                .containsExactly("Success", "Failed", "Pending", "Retrying", "Skipped");
    }

    @Test
    void shouldShowTheSuccessRateOfFinishedAttemptsOnly() {
        assertThat(Labels.successRate(0, 0)).isEqualTo("–");
        assertThat(Labels.successRate(97, 3)).isEqualTo("97%");
        assertThat(Labels.successRate(2, 1)).isEqualTo("67%");
    }

    @Test
    void shouldGiveTheMedianAndThe95thPercentileOfTheLastDayAndWeekFromTheHourlyHistograms() {
        java.time.Instant now = java.time.Instant.parse("2026-12-01T12:30:00Z");
        assertThat(StatsChart.latency(java.util.List.of(), now)).isEqualTo("–");
        assertThat(StatsChart.latencyChart(java.util.List.of(), now)).isEmpty();
        // an hour of 100 attempts of 1..100 ms two days ago, and one hour of 20 ms attempts now
        io.hookline.gateway.deliverylog.Latencies old = io.hookline.gateway.deliverylog.LatenciesTest.of(java.util.stream.LongStream.rangeClosed(1, 100).toArray());
        io.hookline.gateway.deliverylog.Latencies recent = io.hookline.gateway.deliverylog.LatenciesTest.of(20, 20, 20);
        java.util.List<io.hookline.gateway.deliverylog.DeliveryStats.Hour> hours = java.util.List.of(
                new io.hookline.gateway.deliverylog.DeliveryStats.Hour(java.time.Instant.parse("2026-11-29T12:00:00Z"), 100, 0, old),
                new io.hookline.gateway.deliverylog.DeliveryStats.Hour(java.time.Instant.parse("2026-12-01T12:00:00Z"), 3, 0, recent));
        assertThat(StatsChart.latency(hours, now)).isEqualTo("last 24 h: median ≈ 22 ms, 95th percentile ≈ 22 ms (3 attempts); "
                + "last 7 days: median ≈ 52 ms, 95th percentile ≈ 88 ms (103 attempts)");
        java.util.Map<String, Object> chart = StatsChart.latencyChart(hours, now);
        assertThat(chart).containsEntry("top", "88 ms");
        assertThat((java.util.List<?>) chart.get("points")).hasSize(2);
    }

    @Test
    void shouldSayWhetherTheEndpointsCircuitIsOpenAndUntilWhen() {
        java.time.Instant now = java.time.Instant.parse("2026-12-01T12:30:00Z");
        assertThat(Labels.circuit(java.util.Optional.empty(), now)).startsWith("Circuit closed");
        io.hookline.schemas.avro.EndpointCircuit open = new io.hookline.schemas.avro.EndpointCircuit("wh_1",
                io.hookline.schemas.avro.CircuitState.OPEN, 10, now.minusSeconds(60), now.plusSeconds(30), now);
        assertThat(Labels.circuit(java.util.Optional.of(open), now)).isEqualTo("Circuit open after 10 failed attempts in a row since "
                + now.minusSeconds(60) + ": deliveries wait until " + now.plusSeconds(30) + ", then one is sent as a probe; a success closes it");
        assertThat(Labels.circuit(java.util.Optional.of(open), now.plusSeconds(31))).contains("the next delivery is sent as a probe");
        io.hookline.schemas.avro.EndpointCircuit closed = new io.hookline.schemas.avro.EndpointCircuit("wh_1",
                io.hookline.schemas.avro.CircuitState.CLOSED, 0, null, null, now);
        assertThat(Labels.circuit(java.util.Optional.of(closed), now)).startsWith("Circuit closed");
    }
}
