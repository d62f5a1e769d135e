package io.hookline.standalone.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.standalone.HooklineClient;
import io.hookline.standalone.Standalone;
import io.hookline.testsupport.ReceivedRequest;
import io.hookline.testsupport.TestReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A payload filter and a custom header end to end: created over HTTP, applied by the real router,
 * sent by the real deliverer to a real HTTPS receiver.
 */
class FilteredDeliveryIT {

    @TempDir
    static Path data;

    static TestReceiver receiver;
    static Standalone hookline;
    static HooklineClient api;

    @BeforeAll
    static void start() throws Exception {
        receiver = TestReceiver.https();
        hookline = Standalone.start(Map.of("hookline.data-dir", data.toString(),
                "server.port", "0",
                "hookline.embedded-kafka.port", "0",
                "hookline.delivery.allowed-cidrs", "127.0.0.0/8",
                "hookline.delivery.extra-ca-certs", receiver.caCertificatePem().toString(),
                "hookline.gateway.webhooks.verification-timeout", "20s"));
        api = new HooklineClient(hookline.baseUrl(), Files.readString(data.resolve("owner.key")).trim());
    }

    @AfterAll
    static void stop() {
        hookline.close();
        receiver.close();
    }

    @Test
    void shouldDeliverOnlyTheEventsTheFilterPassesWithTheCustomHeader() {
        // given a FIFO webhook (so deliveries arrive in event order) that wants two acronyms, with a header
        HooklineClient.Response created = api.post("/v4/webhooks", "{\"url\": \"" + receiver.url("/filtered") + "\","
                + " \"events\": [\"acronym.created\"], \"ordering\": \"fifo\","
                + " \"filter\": {\"data.acronym.term\": {\"$in\": [\"API\", \"SDK\"]}}, \"headers\": {\"X-Team\": \"payments\"}}");
        assertThat(created.status()).as("created: %s", created.body()).isEqualTo(201);
        assertThat(created.data().path("status").asString()).isEqualTo("active");

        // when three events are posted, the middle one excluded by the filter
        postAcronym("API");
        postAcronym("XYZ");
        postAcronym("SDK");

        // then the last arrives; being FIFO, anything routed before it arrived before it: only the two matching ones
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> terms().contains("SDK"));
        assertThat(terms()).containsExactly("API", "SDK");
        assertThat(events()).allSatisfy(r -> assertThat(r.header("x-team")).isEqualTo("payments"));
        // the verification request carried it too: an endpoint that needs it can be verified
        assertThat(receiver.requests("/filtered").get(0).header("x-define-event")).isEqualTo("webhook.test");
        assertThat(receiver.requests("/filtered").get(0).header("x-team")).isEqualTo("payments");
    }

    private static List<ReceivedRequest> events() {
        return receiver.requests("/filtered").stream().filter(r -> "acronym.created".equals(r.header("x-define-event"))).toList();
    }

    private static List<String> terms() {
        return events().stream().map(r -> HooklineClient.parse(r.body()).at("/data/acronym/term").asString()).toList();
    }

    private static void postAcronym(String term) {
        HooklineClient.Response response = api.post("/v4/events", "{\"type\": \"acronym.created\", \"data\": {\"acronym\": {\"id\": \"a-" + term
                + "\", \"term\": \"" + term + "\", \"title\": \"t\", \"description\": \"d\", \"categories\": [], \"created_by\": \"u_1\"}}}");
        assertThat(response.status()).as("event accepted: %s", response.body()).isEqualTo(202);
    }
}
