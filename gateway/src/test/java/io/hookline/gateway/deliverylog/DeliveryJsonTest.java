package io.hookline.gateway.deliverylog;

import static io.hookline.gateway.deliverylog.Attempts.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.DeliveryAttempt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryJsonTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void shouldShowARowAsItsLatestAttemptLeftIt() {
        // given
        List<DeliveryAttempt> attempts = List.of(attempt("wh_1", "dlv_1", 1, "retrying", 503, "busy", "HTTP 503", NOW),
                DeliveryAttempt.newBuilder(attempt("wh_1", "dlv_1", 2, "retrying", 500, "é".repeat(600), "HTTP 500", NOW.plusSeconds(5)))
                        .setNextAttemptAt(NOW.plusSeconds(300)).build());
        // when
        DeliveryJson.Row row = DeliveryJson.Row.of(attempts);
        // then
        assertThat(row).isEqualTo(new DeliveryJson.Row("dlv_1", "evt_1", "webhook.test", "retrying", null, 2, NOW.plusSeconds(5).toString(),
                500, 12, "é".repeat(500), NOW.plusSeconds(300).toString()));
    }

    @Test
    void shouldShowAPendingDeliveryWithWhyItWaitsAndNoAttemptMade() {
        // given a delivery waiting behind its webhook's rate limit
        DeliveryAttempt pending = DeliveryIndexTest.pending("wh_1", "dlv_1", NOW);
        // when
        DeliveryJson.Row row = DeliveryJson.Row.of(List.of(pending));
        // then
        assertThat(row.status()).isEqualTo("pending");
        assertThat(row.reason()).isEqualTo("rate limited until " + NOW.plusSeconds(1));
        assertThat(row.attempts()).isZero();
        assertThat(row.nextAttemptAt()).isEqualTo(NOW.plusSeconds(1).toString());
    }

    @Test
    void shouldShowADeliveryAsItsAttemptLeftItOnceTheWaitIsOver() {
        // given
        List<DeliveryAttempt> log = List.of(DeliveryIndexTest.pending("wh_1", "dlv_1", NOW),
                attempt("wh_1", "dlv_1", 1, "succeeded", 200, "ok", null, NOW.plusSeconds(1)));
        // when
        DeliveryJson.Row row = DeliveryJson.Row.of(log);
        // then
        assertThat(row.status()).isEqualTo("succeeded");
        assertThat(row.reason()).isNull();
        assertThat(row.attempts()).isEqualTo(1);
    }

    @Test
    void shouldShowTheRequestOfTheLastAttemptThatWasSent() {
        // given a delivery sent once, then skipped (nothing sent)
        DeliveryAttempt sent = DeliveryAttempt.newBuilder(attempt("wh_1", "dlv_1", 1, "failed", 500, "", "HTTP 500", NOW))
                .setRequestHeaders(Map.of("webhook-signature", "v1,abc")).setRequestBody("{\"a\":1}").build();
        DeliveryAttempt skipped = attempt("wh_1", "dlv_1", 2, "skipped", null, null, "webhook disabled", NOW.plusSeconds(1));
        // when
        DeliveryJson.Detail detail = DeliveryJson.Detail.of(List.of(sent, skipped));
        // then
        assertThat(detail.status()).isEqualTo("skipped");
        assertThat(detail.request().headers()).containsEntry("webhook-signature", "v1,abc");
        assertThat(detail.request().body()).isEqualTo("{\"a\":1}");
        assertThat(detail.attempts()).extracting(DeliveryJson.Attempt::trigger, DeliveryJson.Attempt::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("test", "HTTP 500"), org.assertj.core.groups.Tuple.tuple("test", "webhook disabled"));
    }

    @Test
    void shouldCapAResponseBodyAt64KibWithoutCuttingACharacter() {
        String body = "a" + "€".repeat(30_000); // 90,001 bytes
        String capped = DeliveryJson.capped(body);
        assertThat(capped.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64 * 1024).isGreaterThan(64 * 1024 - 3);
        assertThat(body).startsWith(capped);
        assertThat(DeliveryJson.capped("short")).isEqualTo("short");
    }
}
