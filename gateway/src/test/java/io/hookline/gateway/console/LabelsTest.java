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
    void shouldGiveTheMedianAndThe95thPercentileOfResponseTimes() {
        assertThat(StatsChart.latency(java.util.List.of())).isEmpty();
        assertThat(StatsChart.latency(java.util.List.of(30L, 10L, 20L))).containsEntry("p50", "20 ms").containsEntry("p95", "30 ms").containsEntry("count", 3);
        java.util.List<Long> hundred = java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList();
        assertThat(StatsChart.latency(hundred)).containsEntry("p50", "50 ms").containsEntry("p95", "95 ms");
    }
}
