package io.hookline.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.router.routing.RouterTopology;
import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.Event;
import io.hookline.schemas.avro.OrderingSymbol;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The router's real topology and Streams configuration, driven by {@link TopologyTestDriver}. */
class RouterTopologyTest {

    private static final Instant T = Instant.parse("2026-03-28T10:15:00Z");
    private static final Instant ROUTED_AT = Instant.parse("2026-03-28T10:15:01Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Webhook> webhooks;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, DeliveryTask> deliveries;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        RouterProperties settings = new RouterProperties("router-test", stateDir, 1, "at_least_once",
                Duration.ofMillis(100), Duration.ofSeconds(5));
        driver = new TopologyTestDriver(new RouterTopology(Clock.fixed(ROUTED_AT, ZoneOffset.UTC)).build(),
                RouterStreamsConfig.of(new KafkaConnection("localhost:1"), settings), T);
        webhooks = driver.createInputTopic(Topics.WEBHOOKS.name(), Topics.WEBHOOKS.keySerde().serializer(),
                Topics.WEBHOOKS.valueSerde().serializer());
        events = driver.createInputTopic(Topics.EVENTS.name(), Topics.EVENTS.keySerde().serializer(),
                Topics.EVENTS.valueSerde().serializer());
        deliveries = driver.createOutputTopic(Topics.DELIVERIES.name(), Topics.DELIVERIES.keySerde().deserializer(),
                Topics.DELIVERIES.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.EVENTS_DLQ.name(), Topics.EVENTS_DLQ.keySerde().deserializer(),
                Topics.EVENTS_DLQ.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldRouteAvroEventToMatchingWebhookWithEveryFieldOfTheTask() {
        // given a webhook created before the event, with a current, a rotated-but-valid and an expired secret
        RetryPolicy retry = RetryPolicy.newBuilder().setMode("exponential").setSchedule(List.of("5s", "5m")).build();
        Webhook webhook = Webhook.newBuilder(webhook("wh_a", "team-1", T.minusSeconds(60), "acronym.created", "user.created"))
                .setSecrets(List.of(
                        secret("ct-expired", T.minus(Duration.ofDays(10)), T.minusSeconds(1)),
                        secret("ct-current", T.minus(Duration.ofHours(1)), null),
                        secret("ct-rotated", T.minus(Duration.ofDays(2)), T.plus(Duration.ofHours(23)))))
                .setSendPlaintextSecret(true)
                .setRetryPolicy(retry)
                .setRateLimitPerSecond(5)
                .setOrdering(OrderingSymbol.fifo)
                .setHeaders(Map.of("X-Team", "payments"))
                .build();
        webhooks.pipeInput("wh_a", webhook, T.minusSeconds(60));
        Instant happenedAt = Instant.parse("2026-03-28T10:14:30Z");

        // when an Avro event of a subscribed type arrives
        events.pipeInput("team-1", avroEvent("evt_1", "team-1", "acronym.created", happenedAt, "{ \"acronym\" : \"API\" }"), T);

        // then one task carries everything the deliverer needs
        List<TestRecord<String, DeliveryTask>> tasks = deliveries.readRecordsToList();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).key()).isEqualTo("wh_a");
        DeliveryTask task = tasks.get(0).value();
        assertThat(task.getDeliveryId()).isEqualTo(Ids.deliveryId("evt_1", "wh_a")).startsWith("dlv_");
        assertThat(task.getWebhookId()).isEqualTo("wh_a");
        assertThat(task.getTenantId()).isEqualTo("team-1");
        assertThat(task.getEventId()).isEqualTo("evt_1");
        assertThat(task.getEventType()).isEqualTo("acronym.created");
        assertThat(task.getEventTimestamp()).isEqualTo(happenedAt);
        assertThat(task.getData()).isEqualTo("{\"acronym\":\"API\"}");
        assertThat(task.getUrl()).isEqualTo("https://example.com/hooks/wh_a");
        assertThat(task.getSecrets()).containsExactly("ct-current", "ct-rotated");
        assertThat(task.getSendPlaintextSecret()).isTrue();
        assertThat(task.getRetryPolicy()).isEqualTo(retry);
        assertThat(task.getRateLimitPerSecond()).isEqualTo(5);
        assertThat(task.getOrdering().name()).isEqualTo("fifo");
        assertThat(task.getHeaders()).containsExactly(Map.entry("X-Team", "payments"));
        assertThat(task.getNotBefore()).isNull();
        assertThat(task.getAttempt()).isEqualTo(1);
        assertThat(task.getTrigger().name()).isEqualTo("scheduled");
        assertThat(task.getCreatedAt()).isEqualTo(ROUTED_AT);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldPassCompactAvroDataThroughAsSentAndCompactSpacedData() {
        webhooks.pipeInput("wh_a", webhook("wh_a", "team-1", T.minusSeconds(60), "*"), T.minusSeconds(60));
        String compact = "{\"name\":\"a b\\\" c\",\"n\":1e2,\"exact\":1.50,\"escaped\":\"\\u0041\",\"nested\":{\"list\":[1,{\"x\":null}]}}";

        events.pipeInput("team-1", avroEvent("evt_c", "team-1", "a", T, compact), T);
        events.pipeInput("team-1", avroEvent("evt_s", "team-1", "a", T, "{\n  \"name\" : \"a b\",\t\"list\": [ 1, 2 ]\r\n}"), T);

        assertThat(deliveries.readValuesToList()).extracting(DeliveryTask::getData)
                .containsExactly(compact, "{\"name\":\"a b\",\"list\":[1,2]}");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldCarryTheTraceContextOfTheEventsKafkaHeadersIntoEachOfItsTasks() {
        // given two webhooks of the tenant
        webhooks.pipeInput("wh_a", webhook("wh_a", "team-1", T.minusSeconds(60), "*"), T.minusSeconds(60));
        webhooks.pipeInput("wh_b", webhook("wh_b", "team-1", T.minusSeconds(60), "*"), T.minusSeconds(60));
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", utf8(traceparent));
        headers.add("tracestate", utf8("rojo=00f067aa0ba902b7"));
        headers.add("x-producer", utf8("billing"));

        // when an event arrives with a trace context in its headers
        events.pipeInput(new TestRecord<>("team-1", jsonEvent("{\"type\":\"acronym.created\",\"data\":{}}"), headers, T));

        // then both tasks carry it in their value, and the record's own headers are new (Streams forwards the
        // input's headers only to records derived from the input; each task is a new record)
        List<TestRecord<String, DeliveryTask>> tasks = deliveries.readRecordsToList();
        assertThat(tasks).hasSize(2).allSatisfy(task -> {
            assertThat(task.value().getTraceparent()).isEqualTo(traceparent);
            assertThat(task.value().getTracestate()).isEqualTo("rojo=00f067aa0ba902b7");
            assertThat(task.headers().toArray()).isEmpty();
        });
    }

    @Test
    void shouldRouteAnEventWhoseTraceparentIsNotOneWithoutATrace() {
        // given a webhook
        webhooks.pipeInput("wh_a", webhook("wh_a", "team-1", T.minusSeconds(60), "*"), T.minusSeconds(60));
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", utf8("00-not-a-trace\r\nX-Injected: 1"));
        headers.add("tracestate", utf8("rojo=1"));

        // when an event comes with a broken traceparent, and one with none
        events.pipeInput(new TestRecord<>("team-1", jsonEvent("{\"type\":\"acronym.created\",\"data\":{}}"), headers, T));
        events.pipeInput("team-1", jsonEvent("{\"type\":\"acronym.created\",\"data\":{}}"), T);

        // then both are routed, without a trace context
        assertThat(deliveries.readValuesToList()).hasSize(2).allSatisfy(task -> {
            assertThat(task.getTraceparent()).isNull();
            assertThat(task.getTracestate()).isNull();
        });
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldRouteAnyTypeToWebhookSubscribedToAll() {
        webhooks.pipeInput("wh_all", webhook("wh_all", "team-1", T.minusSeconds(60), "*"), T.minusSeconds(60));

        events.pipeInput("team-1", jsonEvent("{\"type\":\"category.deleted\",\"data\":{}}"), T);
        events.pipeInput("team-1", jsonEvent("{\"type\":\"import.failed\",\"data\":{}}"), T);

        assertThat(deliveries.readValuesToList()).extracting(DeliveryTask::getEventType)
                .containsExactly("category.deleted", "import.failed");
    }

    @Test
    void shouldNotRouteTypeTheWebhookDoesNotSubscribeTo() {
        webhooks.pipeInput("wh_a", webhook("wh_a", "team-1", T.minusSeconds(60), "acronym.created"), T.minusSeconds(60));

        events.pipeInput("team-1", jsonEvent("{\"type\":\"acronym.deleted\",\"data\":{}}"), T);

        assertThat(deliveries.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldRouteOnlyTheEventsAWebhooksPayloadFilterPasses() {
        // given two webhooks of the same tenant and type, one filtering on the data
        webhooks.pipeInput("wh_big", Webhook.newBuilder(webhook("wh_big", "team-1", T.minusSeconds(60), "order.paid"))
                .setFilter("{\"data.amount\":{\"$gte\":100},\"data.currency\":{\"$in\":[\"EUR\",\"USD\"]}}").build(), T.minusSeconds(60));
        webhooks.pipeInput("wh_all", webhook("wh_all", "team-1", T.minusSeconds(60), "order.paid"), T.minusSeconds(60));

        // when three events arrive, one of which passes the filter
        events.pipeInput("team-1", jsonEvent("{\"type\":\"order.paid\",\"id\":\"evt_small\",\"data\":{\"amount\":5,\"currency\":\"EUR\"}}"), T);
        events.pipeInput("team-1", jsonEvent("{\"type\":\"order.paid\",\"id\":\"evt_big\",\"data\":{\"amount\":250.00,\"currency\":\"EUR\"}}"), T);
        events.pipeInput("team-1", jsonEvent("{\"type\":\"order.paid\",\"id\":\"evt_yen\",\"data\":{\"amount\":900,\"currency\":\"JPY\"}}"), T);

        // then the filtering webhook gets the one, the other all three, and nothing is an error
        List<DeliveryTask> tasks = deliveries.readValuesToList();
        assertThat(tasks).filteredOn(t -> t.getWebhookId().equals("wh_big")).extracting(DeliveryTask::getEventId).containsExactly("evt_big");
        assertThat(tasks).filteredOn(t -> t.getWebhookId().equals("wh_all")).extracting(DeliveryTask::getEventId)
                .containsExactly("evt_small", "evt_big", "evt_yen");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldApplyAFilterOnTheEventTypeAndTenantOfAnAvroEvent() {
        webhooks.pipeInput("wh_f", Webhook.newBuilder(webhook("wh_f", "team-1", T.minusSeconds(60), "*"))
                .setFilter("{\"$or\":[{\"type\":{\"$regex\":\"^user\\\\.\"}},{\"data.vip\":true}],\"tenant_id\":\"team-1\"}").build(),
                T.minusSeconds(60));

        events.pipeInput("team-1", avroEvent("evt_u", "team-1", "user.created", T, "{}"), T);
        events.pipeInput("team-1", avroEvent("evt_o", "team-1", "order.paid", T, "{\"vip\":false}"), T);
        events.pipeInput("team-1", avroEvent("evt_v", "team-1", "order.paid", T, "{\"vip\":true}"), T);

        assertThat(deliveries.readValuesToList()).extracting(DeliveryTask::getEventId).containsExactly("evt_u", "evt_v");
    }

    @Test
    void shouldTreatAStoredFilterThatDoesNotCompileAsMatchingNothingAndGoOnRouting() {
        // given a webhook whose stored filter is broken (written by something other than the gateway), next to a sound one
        webhooks.pipeInput("wh_broken", Webhook.newBuilder(webhook("wh_broken", "team-1", T.minusSeconds(60), "*"))
                .setFilter("{\"data.a\":{\"$regex\":\"(?=lookahead)\"}}").build(), T.minusSeconds(60));
        webhooks.pipeInput("wh_ok", webhook("wh_ok", "team-1", T.minusSeconds(60), "*"), T.minusSeconds(60));

        // when an event arrives
        events.pipeInput("team-1", jsonEvent("{\"type\":\"a\",\"data\":{\"a\":\"lookahead\"}}"), T);

        // then the broken filter lets nothing through, the stream goes on, and the event is no dead letter
        assertThat(deliveries.readValuesToList()).extracting(DeliveryTask::getWebhookId).containsExactly("wh_ok");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldRouteAgainOnceAFilterIsRemoved() {
        webhooks.pipeInput("wh_f", Webhook.newBuilder(webhook("wh_f", "team-1", T.minusSeconds(60), "*"))
                .setFilter("{\"data.n\":1}").build(), T.minusSeconds(60));
        events.pipeInput("team-1", jsonEvent("{\"type\":\"a\",\"id\":\"evt_1\",\"data\":{\"n\":2}}"), T);

        webhooks.pipeInput("wh_f", webhook("wh_f", "team-1", T.minusSeconds(60), "*"), T);
        events.pipeInput("team-1", jsonEvent("{\"type\":\"a\",\"id\":\"evt_2\",\"data\":{\"n\":2}}"), T);

        assertThat(deliveries.readValuesToList()).extracting(DeliveryTask::getEventId).containsExactly("evt_2");
    }

    @Test
    void shouldNotRouteToDisabledWebhook() {
        Webhook disabled = Webhook.newBuilder(webhook("wh_a", "team-1", T.minusSeconds(60), "*")).setEnabled(false).build();
        webhooks.pipeInput("wh_a", disabled, T.minusSeconds(60));

        events.pipeInput("team-1", jsonEvent("{\"type\":\"acronym.created\",\"data\":{}}"), T);

        assertThat(deliveries.isEmpty()).isTrue();
    }

    @Test
    void shouldNotRouteToWebhookWhoseStatusIsDeleted() {
        Webhook active = webhook("wh_a", "team-1", T.minusSeconds(60), "*");
        webhooks.pipeInput("wh_a", active, T.minusSeconds(60));
        webhooks.pipeInput("wh_a", Webhook.newBuilder(active).setStatus(WebhookStatusSymbol.deleted).build(), T.minusSeconds(30));

        events.pipeInput("team-1", jsonEvent("{\"type\":\"acronym.created\",\"data\":{}}"), T);

        assertThat(deliveries.isEmpty()).isTrue();
    }

    @Test
    void shouldNotRouteToWebhookRemovedByTombstone() {
        webhooks.pipeInput("wh_a", webhook("wh_a", "team-1", T.minusSeconds(60), "*"), T.minusSeconds(60));
        webhooks.pipeInput("wh_a", null, T.minusSeconds(30));

        events.pipeInput("team-1", jsonEvent("{\"type\":\"acronym.created\",\"data\":{}}"), T);

        assertThat(deliveries.isEmpty()).isTrue();
        KeyValueStore<String, String> tenants = driver.getKeyValueStore(RouterTopology.WEBHOOK_TENANTS_STORE);
        assertThat(tenants.get("wh_a")).isNull();
    }

    @Test
    void shouldRouteToWebhookEnabledAgain() {
        Webhook active = webhook("wh_a", "team-1", T.minusSeconds(60), "*");
        webhooks.pipeInput("wh_a", Webhook.newBuilder(active).setEnabled(false).setStatus(WebhookStatusSymbol.disabled).build(), T.minusSeconds(60));
        webhooks.pipeInput("wh_a", active, T.minusSeconds(30));

        events.pipeInput("team-1", jsonEvent("{\"type\":\"acronym.created\",\"data\":{}}"), T);

        assertThat(deliveries.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("wh_a");
    }

    @Test
    void shouldSeeEveryWebhookChangeBetweenEventsOfTheSameTenant() {
        for (String id : List.of("wh_a", "wh_b", "wh_c")) {
            webhooks.pipeInput(id, webhook(id, "team-1", T.minusSeconds(60), "*"), T.minusSeconds(60));
        }
        events.pipeInput("team-1", jsonEvent("{\"type\":\"acronym.created\",\"data\":{}}"), T);
        assertThat(deliveries.readKeyValuesToList()).extracting(kv -> kv.key).containsExactlyInAnyOrder("wh_a", "wh_b", "wh_c");

        // the tenant's webhooks were read for that event; each kind of change must reach the next one
        webhooks.pipeInput("wh_a", Webhook.newBuilder(webhook("wh_a", "team-1", T.minusSeconds(60), "*")).setEnabled(false).build(),
                T.plusSeconds(1));
        webhooks.pipeInput("wh_b", null, T.plusSeconds(1));
        webhooks.pipeInput("wh_c", webhook("wh_c", "team-2", T.minusSeconds(60), "*"), T.plusSeconds(1));
        webhooks.pipeInput("wh_d", webhook("wh_d", "team-1", T.plusSeconds(1), "*"), T.plusSeconds(1));
        events.pipeInput("team-1", jsonEvent("{\"type\":\"acronym.created\",\"data\":{}}"), T.plusSeconds(2));

        assertThat(deliveries.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("wh_d");
    }

    @Test
    void shouldNotRouteToWebhookCreatedAfterTheEvent() {
        // given a webhook whose creation time is after the event's record time, even if processed first
        webhooks.pipeInput("wh_late", webhook("wh_late", "team-1", T.plusSeconds(1), "*"), T.minusSeconds(1));

        events.pipeInput("team-1", jsonEvent("{\"type\":\"acronym.created\",\"data\":{}}"), T);

        assertThat(deliveries.isEmpty()).isTrue();
    }

    @Test
    void shouldNotShowOneTenantsWebhooksToAnother() {
        webhooks.pipeInput("wh_a", webhook("wh_a", "team-a", T.minusSeconds(60), "*"), T.minusSeconds(60));
        webhooks.pipeInput("wh_b", webhook("wh_b", "team-b", T.minusSeconds(60), "*"), T.minusSeconds(60));
        // a tenant id that extends the other's with the store's separator shares its key prefix
        webhooks.pipeInput("wh_c", webhook("wh_c", "team-a|x", T.minusSeconds(60), "*"), T.minusSeconds(60));

        events.pipeInput("team-a", jsonEvent("{\"type\":\"acronym.created\",\"data\":{}}"), T);

        assertThat(deliveries.readValuesToList()).extracting(DeliveryTask::getWebhookId).containsExactly("wh_a");
    }

    @Test
    void shouldRouteJsonEventWithItsIdTimestampAndCompactData() {
        webhooks.pipeInput("wh_a", webhook("wh_a", "team-1", T.minusSeconds(60), "user.created"), T.minusSeconds(60));

        events.pipeInput("team-1", jsonEvent("""
                {"type": "user.created", "id": "evt_given", "tenant_id": "team-1",
                 "timestamp": "2026-03-28T11:14:00+01:00",
                 "data": {"email": "a@example.com", "score": 1.50, "tags": [ "x", "y" ]}}
                """), T);

        DeliveryTask task = deliveries.readValue();
        assertThat(task.getEventId()).isEqualTo("evt_given");
        assertThat(task.getDeliveryId()).isEqualTo(Ids.deliveryId("evt_given", "wh_a"));
        assertThat(task.getEventTimestamp()).isEqualTo(Instant.parse("2026-03-28T10:14:00Z"));
        assertThat(task.getData()).isEqualTo("{\"email\":\"a@example.com\",\"score\":1.50,\"tags\":[\"x\",\"y\"]}");
    }

    @Test
    void shouldGiveJsonEventWithoutIdAnIdDerivedFromItsOffset() {
        webhooks.pipeInput("wh_a", webhook("wh_a", "team-1", T.minusSeconds(60), "*"), T.minusSeconds(60));

        events.pipeInput("team-1", jsonEvent("{\"type\":\"acronym.created\",\"data\":{\"n\":1}}"), T);
        events.pipeInput("team-1", jsonEvent("{\"type\":\"acronym.created\",\"data\":{\"n\":2}}"), T);

        List<DeliveryTask> tasks = deliveries.readValuesToList();
        assertThat(tasks).extracting(DeliveryTask::getEventId)
                .containsExactly(Ids.eventId(Topics.EVENTS.name(), 0, 0), Ids.eventId(Topics.EVENTS.name(), 0, 1));
        assertThat(tasks.get(0).getEventTimestamp()).isEqualTo(T);
    }

    @Test
    void shouldMarkDeliveriesOfTestEventsAsTests() {
        webhooks.pipeInput("wh_a", webhook("wh_a", "team-1", T.minusSeconds(60), "webhook.test"), T.minusSeconds(60));

        events.pipeInput("team-1", jsonEvent("{\"type\":\"webhook.test\",\"data\":{}}"), T);

        assertThat(deliveries.readValue().getTrigger().name()).isEqualTo("test");
    }

    static Stream<Arguments> notEvents() {
        byte[] brokenAvro = new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 42, 42, 42};
        return Stream.of(
                Arguments.of("garbage bytes", new byte[] {0x00, 0x13, 0x37, (byte) 0xFF}, "neither an Avro single-object encoded Event nor a JSON object"),
                Arguments.of("a JSON array", utf8("[{\"type\":\"acronym.created\",\"data\":{}}]"), "JSON array"),
                Arguments.of("JSON without type", utf8("{\"data\":{}}"), "type is missing"),
                Arguments.of("JSON with an empty type", utf8("{\"type\":\"\",\"data\":{}}"), "type must not be empty"),
                Arguments.of("JSON whose data is not an object", utf8("{\"type\":\"acronym.created\",\"data\":\"x\"}"), "data must be a JSON object"),
                Arguments.of("JSON with a numeric id", utf8("{\"type\":\"acronym.created\",\"data\":{},\"id\":7}"), "id must be a string"),
                Arguments.of("JSON with a bad timestamp", utf8("{\"type\":\"acronym.created\",\"data\":{},\"timestamp\":\"yesterday\"}"), "not an RFC 3339"),
                Arguments.of("JSON of another tenant", utf8("{\"type\":\"acronym.created\",\"data\":{},\"tenant_id\":\"team-2\"}"), "differs from the record key"),
                Arguments.of("malformed JSON", utf8("{\"type\":"), "not valid JSON"),
                Arguments.of("an undecodable Avro record", brokenAvro, "not a decodable Event"),
                Arguments.of("an Avro event with an empty type", avroEvent("evt_9", "team-1", "", T, "{}"), "type must not be empty"),
                Arguments.of("an Avro event whose data is an array", avroEvent("evt_9", "team-1", "a", T, "[{}]"), "data must be a JSON object"),
                Arguments.of("an Avro event whose data is an array, spaced", avroEvent("evt_9", "team-1", "a", T, "[ {} ]"), "data must be a JSON object"),
                Arguments.of("an Avro event with two data objects", avroEvent("evt_9", "team-1", "a", T, "{}{}"), "more after the object"),
                Arguments.of("an Avro event with malformed data", avroEvent("evt_9", "team-1", "a", T, "{\"a\":}"), "data is not valid JSON"),
                Arguments.of("an Avro event with an unclosed data object", avroEvent("evt_9", "team-1", "a", T, "{\"a\":[1,2}"), "data is not valid JSON"),
                Arguments.of("a null value", null, "the value is null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notEvents")
    void shouldDeadLetterWhatIsNotAnEventAndGoOnRouting(String what, byte[] value, String reason) {
        // given a matching webhook
        webhooks.pipeInput("wh_a", webhook("wh_a", "team-1", T.minusSeconds(60), "*"), T.minusSeconds(60));
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", utf8("abc"));

        // when a record that is not an event arrives, then a good one
        events.pipeInput(new TestRecord<>("team-1", value, headers, T));
        events.pipeInput("team-1", jsonEvent("{\"type\":\"acronym.created\",\"data\":{}}"), T.plusSeconds(1));

        // then the bad record is dead-lettered as it was, with the reason, and the good one is routed
        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).key()).isEqualTo("team-1");
        assertThat(dead.get(0).value()).isEqualTo(value);
        assertThat(dead.get(0).headers().lastHeader("trace").value()).isEqualTo(utf8("abc"));
        Header why = dead.get(0).headers().lastHeader(Topics.DLQ_REASON_HEADER);
        assertThat(why).isNotNull();
        assertThat(new String(why.value(), StandardCharsets.UTF_8)).contains(reason);
        assertThat(deliveries.readValuesToList()).extracting(DeliveryTask::getWebhookId).containsExactly("wh_a");
    }

    @Test
    void shouldDeadLetterUndecodableWebhookRecordAndGoOnRouting() {
        // given a webhook record Streams cannot deserialize, then a good webhook
        TestInputTopic<String, byte[]> rawWebhooks = driver.createInputTopic(Topics.WEBHOOKS.name(),
                new StringSerializer(), new ByteArraySerializer());
        rawWebhooks.pipeInput("wh_bad", utf8("not avro"), T.minusSeconds(61));
        webhooks.pipeInput("wh_a", webhook("wh_a", "team-1", T.minusSeconds(60), "*"), T.minusSeconds(60));

        events.pipeInput("team-1", jsonEvent("{\"type\":\"acronym.created\",\"data\":{}}"), T);

        // then the deserialization handler dead-letters it with the reason and nothing stops
        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("wh_bad");
        assertThat(dead.value()).isEqualTo(utf8("not avro"));
        assertThat(new String(dead.headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8))
                .contains("cannot deserialize", Topics.WEBHOOKS.name());
        assertThat(deliveries.readValuesToList()).extracting(DeliveryTask::getWebhookId).containsExactly("wh_a");
    }

    @Test
    void shouldRouteRepeatedEventIdOnlyOnce() {
        webhooks.pipeInput("wh_a", webhook("wh_a", "team-1", T.minusSeconds(60), "*"), T.minusSeconds(60));
        byte[] event = jsonEvent("{\"type\":\"acronym.created\",\"id\":\"evt_dup\",\"data\":{}}");

        events.pipeInput("team-1", event, T);
        events.pipeInput("team-1", event, T.plus(Duration.ofHours(23)));

        assertThat(deliveries.readValuesToList()).extracting(DeliveryTask::getEventId).containsExactly("evt_dup");
    }

    @Test
    void shouldTreatAnIdAsRepeatedForExactlyTwentyFourHoursEitherSideOfItsFirstRecord() {
        webhooks.pipeInput("wh_a", webhook("wh_a", "team-1", T.minusSeconds(60), "*"), T.minusSeconds(60));
        byte[] dup = jsonEvent("{\"type\":\"acronym.created\",\"id\":\"evt_dup\",\"data\":{}}");
        byte[] late = jsonEvent("{\"type\":\"acronym.created\",\"id\":\"evt_late\",\"data\":{}}");

        events.pipeInput("team-1", dup, T);
        events.pipeInput("team-1", dup, T.plus(Duration.ofHours(24)).minusMillis(1));
        events.pipeInput("team-1", late, T.plus(Duration.ofHours(2)));
        // a copy written with an earlier timestamp than the first (a producer's own clock) is a repeat as well
        events.pipeInput("team-1", late, T.plus(Duration.ofHours(1)));
        events.pipeInput("team-1", dup, T.plus(Duration.ofHours(24)));

        assertThat(deliveries.readValuesToList()).extracting(DeliveryTask::getEventId)
                .containsExactly("evt_dup", "evt_late", "evt_dup");
    }

    @Test
    void shouldRouteRepeatedEventIdAgainAfterTwentyFourHoursAndForgetOldIds() {
        webhooks.pipeInput("wh_a", webhook("wh_a", "team-1", T.minusSeconds(60), "*"), T.minusSeconds(60));
        byte[] event = jsonEvent("{\"type\":\"acronym.created\",\"id\":\"evt_dup\",\"data\":{}}");
        events.pipeInput("team-1", jsonEvent("{\"type\":\"acronym.created\",\"id\":\"evt_once\",\"data\":{}}"), T);
        events.pipeInput("team-1", event, T);

        events.pipeInput("team-1", event, T.plus(Duration.ofHours(25)));

        assertThat(deliveries.readValuesToList()).extracting(DeliveryTask::getEventId)
                .containsExactly("evt_once", "evt_dup", "evt_dup");
        // what is older than the window by stream time is gone from the store (from its disk a 12 h segment at a time)
        WindowStore<String, Long> seen = driver.getWindowStore(RouterTopology.SEEN_EVENTS_STORE);
        assertThat(routedAt(seen, "team-1|evt_once")).isEmpty();
        assertThat(routedAt(seen, "team-1|evt_dup")).containsExactly(T.plus(Duration.ofHours(25)).toEpochMilli());
    }

    /** When the store says the id was routed (each entry's time). */
    private static List<Long> routedAt(WindowStore<String, Long> store, String key) {
        List<Long> times = new ArrayList<>();
        try (WindowStoreIterator<Long> entries = store.fetch(key, 0, Long.MAX_VALUE)) {
            entries.forEachRemaining(entry -> times.add(entry.key));
        }
        return times;
    }

    @Test
    void shouldFanOutToExactlyTheMatchingThousandOfTwoThousandWebhooks() {
        for (int i = 0; i < 2_000; i++) {
            String type = i % 2 == 0 ? "acronym.created" : "acronym.deleted";
            webhooks.pipeInput("wh_" + i, webhook("wh_" + i, "big-tenant", T.minusSeconds(60), type), T.minusSeconds(60));
        }

        events.pipeInput("big-tenant", jsonEvent("{\"type\":\"acronym.created\",\"id\":\"evt_fan\",\"data\":{}}"), T);

        List<DeliveryTask> tasks = deliveries.readValuesToList();
        assertThat(tasks).hasSize(1_000);
        assertThat(tasks).extracting(DeliveryTask::getDeliveryId).doesNotHaveDuplicates();
        assertThat(tasks).extracting(t -> Integer.parseInt(t.getWebhookId().substring(3))).allMatch(i -> i % 2 == 0);
    }

    private static Webhook webhook(String id, String tenant, Instant createdAt, String... types) {
        return Webhook.newBuilder()
                .setId(id)
                .setTenantId(tenant)
                .setUrl("https://example.com/hooks/" + id)
                .setEvents(new ArrayList<>(List.of(types)))
                .setStatus(WebhookStatusSymbol.active)
                .setEnabled(true)
                .setCreatedAt(createdAt)
                .setUpdatedAt(createdAt)
                .setSecrets(List.of(secret("ct-" + id, createdAt, null)))
                .setRetryPolicy(RetryPolicy.newBuilder().build())
                .build();
    }

    private static SigningSecret secret(String ciphertext, Instant createdAt, Instant expiresAt) {
        return SigningSecret.newBuilder().setCiphertext(ciphertext).setCreatedAt(createdAt).setExpiresAt(expiresAt).build();
    }

    private static byte[] avroEvent(String id, String tenant, String type, Instant at, String data) {
        return Topics.EVENT_VALUES.serialize(Event.newBuilder()
                .setId(id).setTenantId(tenant).setType(type).setTimestamp(at).setData(data).build());
    }

    private static byte[] jsonEvent(String json) {
        return utf8(json);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
