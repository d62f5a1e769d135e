package io.hookline.schemas.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.TriggerSymbol;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The delivery body: written once, read back (by re-deliveries) from what was written. */
class DeliveryBodyTest {

    private static final String LOGGED = "{\"event\":\"a\",\"timestamp\":\"2026-11-20T08:00:00.250Z\",\"webhook_id\":\"wh_1\","
            + "\"delivery_id\":\"dlv_1\",\"tenant_id\":\"x,\\\"data\\\":\",\"data\":{\"n\":1.50,\"s\":\"}\"}}";

    @Test
    void shouldWriteCompactJsonWithTheKeysInTheOrderOfTheContract() {
        // given
        DeliveryTask task = task().setData("{\"acronym\":\"API\",\"tags\":[1,2]}").build();

        // when
        String body = DeliveryBody.write(task);

        // then
        assertThat(body).isEqualTo("{\"event\":\"acronym.created\",\"timestamp\":\"2026-03-28T10:15:00Z\","
                + "\"webhook_id\":\"wh_1\",\"delivery_id\":\"dlv_2\",\"tenant_id\":\"team-3\","
                + "\"data\":{\"acronym\":\"API\",\"tags\":[1,2]}}");
    }

    @Test
    void shouldWriteMillisecondsOnlyWhenTheTimestampHasThem() {
        // given
        DeliveryTask task = task().setEventTimestamp(Instant.parse("2026-03-28T10:15:00.120Z")).build();

        // when
        String body = DeliveryBody.write(task);

        // then
        assertThat(body).contains("\"timestamp\":\"2026-03-28T10:15:00.120Z\"");
    }

    @Test
    void shouldEscapeQuotesBackslashesAndControlCharactersInStrings() {
        // given
        DeliveryTask task = task().setTenantId("a\"b\\c\nd\te\u0001f/é").build();

        // when
        String body = DeliveryBody.write(task);

        // then
        assertThat(body).contains("\"tenant_id\":\"a\\\"b\\\\c\\nd\\te\\u0001f/é\"");
    }

    @Test
    void shouldReadBackTheDataByteForByteAndTheTimestampOfWhatItWrote() {
        // given strings that look like the keys the reader looks for, before the data
        DeliveryTask task = task().setTenantId("x,\"data\":{").setEventType("a,\"timestamp\":\"1999-01-01T00:00:00Z")
                .setEventTimestamp(Instant.parse("2026-11-20T08:00:00.250Z")).setData("{\"n\":1.50,\"s\":\"}\"}").build();

        // when
        String body = DeliveryBody.write(task);

        // then
        assertThat(DeliveryBody.data(body)).isEqualTo(task.getData());
        assertThat(DeliveryBody.timestamp(body)).isEqualTo(task.getEventTimestamp());
    }

    @Test
    void shouldTakeTheDataAndTimestampOfALoggedBody() {
        assertThat(DeliveryBody.data(LOGGED)).isEqualTo("{\"n\":1.50,\"s\":\"}\"}");
        assertThat(DeliveryBody.timestamp(LOGGED)).isEqualTo(Instant.parse("2026-11-20T08:00:00.250Z"));
    }

    @Test
    void shouldRefuseABodyThatIsNotAHooklineDeliveryBody() {
        assertThatThrownBy(() -> DeliveryBody.data("{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryBody.timestamp("{\"data\":1}")).isInstanceOf(IllegalArgumentException.class);
    }

    private static DeliveryTask.Builder task() {
        return DeliveryTask.newBuilder().setDeliveryId("dlv_2").setWebhookId("wh_1").setTenantId("team-3").setEventId("evt_1")
                .setEventType("acronym.created").setEventTimestamp(Instant.parse("2026-03-28T10:15:00Z")).setData("{}")
                .setUrl("https://example.com/hook").setSecrets(List.of()).setAttempt(1).setTrigger(TriggerSymbol.scheduled)
                .setCreatedAt(Instant.parse("2026-03-28T10:15:01Z"));
    }
}
