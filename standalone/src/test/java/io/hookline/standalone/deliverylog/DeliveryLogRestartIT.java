package io.hookline.standalone.deliverylog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.standalone.HooklineClient;
import io.hookline.standalone.Standalone;
import io.hookline.testsupport.TestFiles;
import io.hookline.testsupport.TestReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The log view is the same after a restart: resumed from the index on disk, and rebuilt from the topic when that is gone. */
class DeliveryLogRestartIT {

    @TempDir
    Path data;

    @Test
    void shouldShowTheSameLogAfterARestartAndAfterARebuild() throws Exception {
        try (TestReceiver receiver = TestReceiver.https()) {
            String webhookId;
            List<String> before;
            try (Standalone first = Standalone.start(DeliveryLogIT.properties(data, receiver))) {
                // given a webhook with a real delivery (its test) and 120 written deliveries
                LogApi api = api(first);
                webhookId = api.webhook(receiver.url("/hooks/" + UUID.randomUUID()), "user.created");
                List<Delivery> deliveries = Delivery.generate(webhookId, 120, Instant.parse("2026-10-10T00:00:00Z"));
                LogApi.publish(first.bootstrapServers(), deliveries.stream().flatMap(d -> d.attempts().stream()).toList());
                await().atMost(Duration.ofSeconds(60)).until(() -> api.all(list(webhookId), 100).size() == 121);
                before = view(api, webhookId);
            }
            // when it restarts on the same data directory, then the view is the same
            try (Standalone again = Standalone.start(DeliveryLogIT.properties(data, receiver))) {
                assertThat(view(api(again), webhookId)).containsExactlyElementsOf(before);
            }
            // and when the index is gone, it is rebuilt from the topic with nothing missing
            TestFiles.deleteRecursively(data.resolve("gateway-delivery-log"));
            try (Standalone rebuilt = Standalone.start(DeliveryLogIT.properties(data, receiver))) {
                assertThat(view(api(rebuilt), webhookId)).containsExactlyElementsOf(before);
            }
            assertThat(before).hasSize(121 + 61); // the rows, then the detail of every other one
        }
    }

    /** Every row (pages of 25) and the detail of every other delivery, as JSON text. */
    private static List<String> view(LogApi api, String webhookId) {
        List<String> view = new ArrayList<>();
        List<JsonNode> rows = api.all(list(webhookId), 25);
        rows.forEach(r -> view.add(r.toString()));
        for (int i = 0; i < rows.size(); i += 2) {
            String deliveryId = rows.get(i).path("deliveryId").asString();
            HooklineClient.Response detail = api.get(list(webhookId) + "/" + deliveryId);
            assertThat(detail.status()).isEqualTo(200);
            view.add(detail.body().toString());
        }
        return view;
    }

    private static String list(String webhookId) {
        return "/v4/webhooks/" + webhookId + "/deliveries";
    }

    private LogApi api(Standalone hookline) throws Exception {
        return new LogApi(hookline.baseUrl(), Files.readString(data.resolve("owner.key")).trim());
    }
}
