package io.hookline.standalone.deliverylog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.delivery.DeliveryBody;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.standalone.HooklineClient;
import io.hookline.standalone.Standalone;
import io.hookline.standalone.StandaloneIT;
import io.hookline.testsupport.ReceivedRequest;
import io.hookline.testsupport.TestReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The delivery log of a running platform (real router and deliverer): its views, re-delivery and recovery. */
class DeliveryLogIT {

    @TempDir
    static Path data;

    static TestReceiver receiver;
    static Standalone hookline;
    static LogApi api;

    @BeforeAll
    static void start() throws Exception {
        receiver = TestReceiver.https();
        hookline = Standalone.start(properties(data, receiver));
        api = new LogApi(hookline.baseUrl(), Files.readString(data.resolve("owner.key")).trim());
    }

    @AfterAll
    static void stop() {
        hookline.close();
        receiver.close();
    }

    static Map<String, Object> properties(Path data, TestReceiver receiver) {
        return Map.of("hookline.data-dir", data.toString(), "server.port", "0", "hookline.embedded-kafka.port", "0",
                "hookline.delivery.allowed-cidrs", "127.0.0.0/8", "hookline.delivery.extra-ca-certs", receiver.caCertificatePem().toString());
    }

    @Test
    void shouldRedeliverAFailedDeliveryWithTheSameIdAsAManualAttempt() {
        // given a delivery that failed because the receiver answered 500
        String path = "/hooks/" + UUID.randomUUID();
        String webhookId = api.webhook(receiver.url(path), "acronym.locked");
        receiver.respondWith(path, 500, "down for maintenance");
        postEvent("acronym.locked", "{\"acronym\": {\"id\": \"acr_1\", \"term\": \"OKR\", \"lock_reason\": \"final\"}}");
        String deliveryId = StandaloneIT.awaitRequest(receiver, path, "acronym.locked").header("webhook-id");
        String detail = "/v4/webhooks/" + webhookId + "/deliveries/" + deliveryId;
        awaitDetail(detail, d -> d.path("status").asString().equals("failed"));

        // when the receiver recovers and the delivery is re-delivered
        receiver.respondWith(path, 200, "ok");
        HooklineClient.Response accepted = api.post(detail + "/redeliver", "{}");

        // then: 202 with the next attempt, the receiver gets the same delivery id and data, the log shows a manual attempt
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.body().path("data").path("deliveryId").asString()).isEqualTo(deliveryId);
        assertThat(accepted.body().path("data").path("attempt").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> StandaloneIT.requests(receiver, path, "acronym.locked").size() >= 2);
        List<ReceivedRequest> requests = StandaloneIT.requests(receiver, path, "acronym.locked");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).header("webhook-id")).isEqualTo(deliveryId);
        assertThat(DeliveryBody.data(requests.get(1).body())).isEqualTo(DeliveryBody.data(requests.get(0).body())).contains("\"lock_reason\":\"final\"");
        JsonNode shown = awaitDetail(detail, d -> d.path("attempts").size() == 2);
        assertThat(shown.path("status").asString()).isEqualTo("succeeded");
        assertThat(shown.path("attempts").get(0).path("trigger").asString()).isEqualTo("scheduled");
        assertThat(shown.path("attempts").get(0).path("responseCode").asInt()).isEqualTo(500);
        assertThat(shown.path("attempts").get(1).path("trigger").asString()).isEqualTo("manual");
        assertThat(shown.path("attempts").get(1).path("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void shouldRecoverEveryFailedDeliveryOfAWindow() {
        // given two deliveries that failed
        String path = "/hooks/" + UUID.randomUUID();
        String webhookId = api.webhook(receiver.url(path), "acronym.restored");
        Instant since = Instant.now().minusSeconds(1);
        receiver.respondWith(path, 500, "down");
        postEvent("acronym.restored", "{\"acronym\": {\"id\": \"acr_1\", \"term\": \"MBO\"}}");
        postEvent("acronym.restored", "{\"acronym\": {\"id\": \"acr_2\", \"term\": \"TPS\"}}");
        String list = "/v4/webhooks/" + webhookId + "/deliveries?status=failed&event=acronym.restored";
        await().atMost(Duration.ofSeconds(30)).until(() -> api.all(list, 50).size() == 2);
        List<String> failed = api.all(list, 50).stream().map(r -> r.path("deliveryId").asString()).toList();

        // when the receiver recovers and the window is recovered
        receiver.respondWith(path, 200, "ok");
        HooklineClient.Response accepted = api.post("/v4/webhooks/" + webhookId + "/recover", "{\"since\": \"" + since + "\"}");

        // then both are queued and delivered again with their ids, and the log shows them succeeded by a manual attempt
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.body().path("data").path("queued").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> StandaloneIT.requests(receiver, path, "acronym.restored").size() >= 4);
        assertThat(StandaloneIT.requests(receiver, path, "acronym.restored")).extracting(r -> r.header("webhook-id"))
                .containsExactlyInAnyOrder(failed.get(0), failed.get(1), failed.get(0), failed.get(1));
        for (String deliveryId : failed) {
            JsonNode shown = awaitDetail("/v4/webhooks/" + webhookId + "/deliveries/" + deliveryId, d -> d.path("attempts").size() == 2);
            assertThat(shown.path("status").asString()).isEqualTo("succeeded");
            assertThat(shown.path("attempts").get(1).path("trigger").asString()).isEqualTo("manual");
        }
        // and a second recovery of the same window finds nothing left to do
        assertThat(api.post("/v4/webhooks/" + webhookId + "/recover", "{\"since\": \"" + since + "\"}").body()
                .path("data").path("queued").asInt()).isZero();
    }

    @Test
    void shouldFilterAndPageAFewHundredAttemptsWithMixedStatusesAndDates() {
        // given 300 deliveries over ten days, with one to three attempts each, on the log of a webhook of ours
        String webhookId = api.webhook(receiver.url("/hooks/" + UUID.randomUUID()), "user.created");
        List<Delivery> deliveries = Delivery.generate(webhookId, 300, Instant.parse("2026-10-01T00:00:00Z"));
        LogApi.publish(hookline.bootstrapServers(), deliveries.stream().flatMap(d -> d.attempts().stream()).toList());
        String list = "/v4/webhooks/" + webhookId + "/deliveries";
        await().atMost(Duration.ofSeconds(60)).until(() -> ours(api.all(list, 100)).size() == 300);

        // then every filter, paged with several page sizes, gives exactly the expected rows, newest first
        Instant from = Instant.parse("2026-10-03T00:00:00Z");
        Instant to = Instant.parse("2026-10-06T12:00:00Z");
        assertPages(list, 37, deliveries, d -> true);
        assertPages(list + "?status=failed", 7, deliveries, d -> d.status().equals("failed"));
        assertPages(list + "?status=retrying", 50, deliveries, d -> d.status().equals("retrying"));
        assertPages(list + "?status=skipped", 3, deliveries, d -> d.status().equals("skipped"));
        assertPages(list + "?event=acronym.created", 11, deliveries, d -> d.eventType().equals("acronym.created"));
        assertPages(list + "?from=" + from + "&to=" + to, 10, deliveries, d -> !d.first().isBefore(from) && !d.first().isAfter(to));
        assertPages(list + "?status=succeeded&event=category.deleted&from=" + from, 4, deliveries,
                d -> d.status().equals("succeeded") && d.eventType().equals("category.deleted") && !d.first().isBefore(from));
        assertPages(list + "?status=pending", 100, deliveries, d -> false);
    }

    @Test
    void shouldShowADeliveryWithThreeAttempts() {
        // given a delivery that was retried twice: 503 with Retry-After, a timeout, then a success with a large body
        String webhookId = api.webhook(receiver.url("/hooks/" + UUID.randomUUID()), "user.created");
        String deliveryId = "dlv_" + UUID.randomUUID().toString().replace("-", "");
        Instant t0 = Instant.parse("2026-11-01T09:00:00Z");
        String big = "y".repeat(64 * 1024);
        LogApi.publish(hookline.bootstrapServers(), List.of(
                LogApi.attempt(webhookId, deliveryId, "user.created", 1, "retrying", t0).setResponseCode(503)
                        .setResponseHeaders(Map.of("retry-after", "5")).setResponseBody("busy").setError("HTTP 503")
                        .setNextAttemptAt(t0.plusSeconds(5)).build(),
                LogApi.attempt(webhookId, deliveryId, "user.created", 2, "retrying", t0.plusSeconds(5)).setDurationMs(10_000)
                        .setError("timed out after 10s").setNextAttemptAt(t0.plusSeconds(305)).build(),
                LogApi.attempt(webhookId, deliveryId, "user.created", 3, "succeeded", t0.plusSeconds(305)).setResponseCode(200)
                        .setRequestHeaders(Map.of("webhook-id", deliveryId, "webhook-signature", "v1,c2ln"))
                        .setResponseHeaders(Map.of("content-type", "text/plain")).setResponseBody(big).build()));

        // when
        JsonNode detail = awaitDetail("/v4/webhooks/" + webhookId + "/deliveries/" + deliveryId, d -> d.path("attempts").size() == 3);

        // then
        assertThat(detail.path("status").asString()).isEqualTo("succeeded");
        assertThat(detail.path("request").path("headers").path("webhook-signature").asString()).isEqualTo("v1,c2ln");
        assertThat(detail.path("request").path("body").asString()).contains("\"delivery_id\":\"" + deliveryId + "\"");
        JsonNode attempts = detail.path("attempts");
        assertThat(texts(attempts, "trigger")).containsExactly("scheduled", "retry", "retry");
        assertThat(texts(attempts, "attemptedAt")).containsExactly(t0.toString(), t0.plusSeconds(5).toString(),
                t0.plusSeconds(305).toString());
        assertThat(attempts.get(0).path("responseCode").asInt()).isEqualTo(503);
        assertThat(attempts.get(0).path("responseHeaders").path("retry-after").asString()).isEqualTo("5");
        assertThat(attempts.get(0).path("responseBody").asString()).isEqualTo("busy");
        assertThat(attempts.get(0).path("nextAttemptAt").asString()).isEqualTo(t0.plusSeconds(5).toString());
        assertThat(attempts.get(1).path("responseCode").isNull()).isTrue();
        assertThat(attempts.get(1).path("durationMs").asLong()).isEqualTo(10_000);
        assertThat(attempts.get(1).path("error").asString()).isEqualTo("timed out after 10s");
        assertThat(attempts.get(2).path("responseBody").asString()).isEqualTo(big);
        assertThat(attempts.get(2).path("responseHeaders").path("content-type").asString()).isEqualTo("text/plain");
    }

    private static void assertPages(String path, int limit, List<Delivery> deliveries, Predicate<Delivery> filter) {
        List<Delivery> expected = deliveries.stream().filter(filter).sorted(Comparator.comparing(Delivery::first).reversed()).toList();
        List<JsonNode> rows = ours(api.all(path, limit));
        assertThat(rows).as(path).extracting(r -> r.path("deliveryId").asString())
                .containsExactlyElementsOf(expected.stream().map(Delivery::id).toList());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            Delivery d = expected.get(i);
            DeliveryAttempt last = d.attempts().get(d.attempts().size() - 1);
            assertThat(row.path("status").asString()).isEqualTo(d.status());
            assertThat(row.path("eventType").asString()).isEqualTo(d.eventType());
            assertThat(row.path("eventId").asString()).isEqualTo("evt_" + d.id());
            assertThat(row.path("attempts").asInt()).isEqualTo(d.attempts().size());
            assertThat(row.path("lastAttemptAt").asString()).isEqualTo(last.getAttemptedAt().toString());
            assertThat(row.path("responseTimeMs").asLong()).isEqualTo(last.getDurationMs());
            assertThat(row.path("responseCode").isNull() ? null : row.path("responseCode").asInt()).isEqualTo(last.getResponseCode());
            assertThat(row.path("responseBodyPreview").isNull() ? null : row.path("responseBodyPreview").asString())
                    .isEqualTo(last.getResponseBody() == null ? null : last.getResponseBody().substring(0, Math.min(500, last.getResponseBody().length())));
            assertThat(row.path("nextAttemptAt").isNull() ? null : row.path("nextAttemptAt").asString())
                    .isEqualTo(last.getNextAttemptAt() == null ? null : last.getNextAttemptAt().toString());
        }
    }

    /** Rows of the deliveries we wrote (the webhook's own verification test delivery is left out). */
    static List<JsonNode> ours(List<JsonNode> rows) {
        return rows.stream().filter(r -> !r.path("eventType").asString().equals("webhook.test")).toList();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.path(field).asString()));
        return texts;
    }

    @Test
    void shouldListDeliveriesWaitingForTheRateLimitAsPendingWithWhyUntilEachSucceeds() {
        // given a webhook limited to one delivery a second
        String path = "/hooks/" + UUID.randomUUID();
        HooklineClient.Response created = api.post("/v4/webhooks", "{\"url\": \"" + receiver.url(path)
                + "\", \"events\": [\"acronym.unlocked\"], \"rateLimitPerSecond\": 1}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String webhookId = created.body().path("data").path("id").asString();

        // when five events come at once
        for (int i = 1; i <= 5; i++) {
            postEvent("acronym.unlocked", "{\"acronym\": {\"id\": \"acr_" + i + "\", \"term\": \"RL" + i + "\"}}");
        }

        // then while they wait, the list shows them pending: queued at first, then behind the rate limit, with
        // when they are expected to go
        String deliveries = "/v4/webhooks/" + webhookId + "/deliveries";
        List<JsonNode> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<JsonNode> rows = api.all(deliveries + "?status=pending&event=acronym.unlocked", 50);
            seen.addAll(rows);
            return rows.stream().anyMatch(row -> row.path("reason").asString().startsWith("rate limited until "));
        });
        assertThat(seen).allSatisfy(row -> assertThat(row.path("reason").asString()).matches("queued for delivery|rate limited until .*"));
        List<JsonNode> waiting = seen.stream().filter(row -> row.path("reason").asString().startsWith("rate limited until ")).toList();
        assertThat(waiting).allSatisfy(row -> {
            assertThat(row.path("status").asString()).isEqualTo("pending");
            assertThat(row.path("reason").asString()).startsWith("rate limited until ");
            assertThat(row.path("attempts").asInt()).isZero();
            assertThat(row.path("nextAttemptAt").isString()).isTrue();
        });

        // and each is delivered in turn, the list then showing it succeeded and nothing pending
        await().atMost(Duration.ofSeconds(60)).until(() -> StandaloneIT.requests(receiver, path, "acronym.unlocked").size() >= 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.all(deliveries + "?event=acronym.unlocked&status=succeeded", 50).size() == 5);
        assertThat(api.all(deliveries + "?status=pending", 50)).isEmpty();
        for (JsonNode row : waiting) {
            JsonNode detail = awaitDetail(deliveries + "/" + row.path("deliveryId").asString(), d -> d.path("status").asString().equals("succeeded"));
            assertThat(detail.path("attempts")).singleElement().satisfies(a -> assertThat(a.path("attempt").asInt()).isEqualTo(1));
        }
        // and the statistics count the attempts only (the five and the creation's test), never the waits
        long succeeded = api.all(deliveries, 50).stream().filter(r -> r.path("status").asString().equals("succeeded")).count();
        JsonNode stats = api.get("/v4/webhooks/" + webhookId).body().path("data").path("stats").path("last24h");
        assertThat(succeeded).isGreaterThanOrEqualTo(5);
        assertThat(stats.path("succeeded").asLong()).isEqualTo(succeeded);
        assertThat(stats.path("failed").asLong()).isZero();
    }

    @Test
    void shouldListADeliveryAsPendingWhileItsAttemptIsInFlightAndSucceededOnceItEnds() {
        // given a verified webhook whose endpoint then takes six seconds to answer
        String path = "/hooks/" + UUID.randomUUID();
        String webhookId = api.webhook(receiver.url(path), "acronym.deprecated");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/v4/webhooks/" + webhookId).body().path("data").path("status").asString()
                .equals("active"));
        receiver.answerAfter(path, Duration.ofSeconds(6));

        // when an event is routed to it and the deliverer's attempt has reached the endpoint
        postEvent("acronym.deprecated", "{\"acronym\": {\"id\": \"acr_inflight\", \"term\": \"WIP\"}}");
        String deliveryId = StandaloneIT.awaitRequest(receiver, path, "acronym.deprecated").header("webhook-id");

        // then, while the endpoint holds the request, the delivery is listed as pending (its task is read, not finished);
        // the gateway reuses a partition's backlog read for a second, so a read made just before the event may answer first
        String deliveries = "/v4/webhooks/" + webhookId + "/deliveries";
        List<JsonNode> pending = await().atMost(Duration.ofSeconds(4)).until(
                () -> api.all(deliveries + "?status=pending&event=acronym.deprecated", 50), rows -> !rows.isEmpty());
        assertThat(pending).singleElement().satisfies(row -> {
            assertThat(row.path("deliveryId").asString()).isEqualTo(deliveryId);
            assertThat(row.path("reason").asString()).isEqualTo("queued for delivery");
            assertThat(row.path("attempts").asInt()).isZero();
        });
        assertThat(api.get(deliveries + "/" + deliveryId).body().path("data").path("status").asString()).isEqualTo("pending");

        // and once it answers, the delivery is succeeded with one attempt and nothing is pending
        JsonNode detail = awaitDetail(deliveries + "/" + deliveryId, d -> d.path("status").asString().equals("succeeded"));
        assertThat(detail.path("attempts")).singleElement().satisfies(a -> assertThat(a.path("attempt").asInt()).isEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.all(deliveries + "?status=pending&event=acronym.deprecated", 50).isEmpty());
    }

    private static JsonNode awaitDetail(String path, Predicate<JsonNode> done) {
        List<JsonNode> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HooklineClient.Response response = api.get(path);
            if (response.status() == 200 && done.test(response.body().path("data"))) {
                seen.add(response.body().path("data"));
                return true;
            }
            return false;
        });
        return seen.get(0);
    }

    private static void postEvent(String type, String data) {
        HooklineClient.Response accepted = api.post("/v4/events", "{\"type\": \"" + type + "\", \"data\": " + data + "}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    }
}
