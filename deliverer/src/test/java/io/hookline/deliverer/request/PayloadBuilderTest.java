package io.hookline.deliverer.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.Fixtures;
import io.hookline.schemas.avro.DeliveryTask;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PayloadBuilderTest {

    @Test
    void shouldWriteCompactJsonWithTheKeysInTheOrderOfTheContract() {
        // given
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret())
                .setWebhookId("wh_1").setDeliveryId("dlv_2").setTenantId("team-3")
                .setData("{\"acronym\":\"API\",\"tags\":[1,2]}")
                .build();

        // when
        String body = PayloadBuilder.body(task);

        // then
        assertThat(body).isEqualTo("{\"event\":\"acronym.created\",\"timestamp\":\"2026-03-28T10:15:00Z\","
                + "\"webhook_id\":\"wh_1\",\"delivery_id\":\"dlv_2\",\"tenant_id\":\"team-3\","
                + "\"data\":{\"acronym\":\"API\",\"tags\":[1,2]}}");
    }

    @Test
    void shouldWriteMillisecondsOnlyWhenTheTimestampHasThem() {
        // given
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret())
                .setEventTimestamp(Instant.parse("2026-03-28T10:15:00.120Z")).build();

        // when
        String body = PayloadBuilder.body(task);

        // then
        assertThat(body).contains("\"timestamp\":\"2026-03-28T10:15:00.120Z\"");
    }

    @Test
    void shouldEscapeQuotesBackslashesAndControlCharactersInStrings() {
        // given
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret())
                .setTenantId("a\"b\\c\nd\te\u0001f/é").build();

        // when
        String body = PayloadBuilder.body(task);

        // then
        assertThat(body).contains("\"tenant_id\":\"a\\\"b\\\\c\\nd\\te\\u0001f/é\"");
    }
}
