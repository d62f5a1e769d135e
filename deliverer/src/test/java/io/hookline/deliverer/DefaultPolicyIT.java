package io.hookline.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.testsupport.DeliveryLog;
import io.hookline.testsupport.TestKafka;
import io.hookline.testsupport.TestReceiver;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A deliverer with the secure defaults: no allowed ranges, no plain HTTP. */
class DefaultPolicyIT {

    private static TestReceiver https;
    private static TestReceiver http;
    private static RunningDeliverer deliverer;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        https = TestReceiver.https();
        http = TestReceiver.http();
        producer = TestKafka.producer();
        // the receiver's certificate is trusted, so only the address policy can stop the request
        deliverer = RunningDeliverer.start("hookline.delivery.extra-ca-certs=" + https.caCertificatePem());
    }

    @AfterAll
    static void stop() {
        deliverer.close();
        producer.close();
        https.close();
        http.close();
    }

    @Test
    void shouldRefuseLoopbackAddressesAndSendNothing() throws Exception {
        // given
        DeliveryTask literal = Fixtures.task(https.url("/literal"), Fixtures.newSecret()).build();
        DeliveryTask named = Fixtures.task("https://localhost:" + https.port() + "/named", Fixtures.newSecret()).build();

        // when
        send(literal);
        send(named);

        // then
        List<DeliveryAttempt> attempts = DeliveryLog.awaitAttempts(List.of(literal.getWebhookId(), named.getWebhookId()), 2, Duration.ofSeconds(20));
        assertThat(attempts).allSatisfy(attempt -> {
            assertThat(attempt.getStatus().name()).isEqualTo("failed");
            assertThat(attempt.getResponseCode()).isNull();
        });
        assertThat(attempts).filteredOn(a -> a.getWebhookId().equals(literal.getWebhookId())).singleElement()
                .satisfies(a -> assertThat(a.getError()).startsWith("address 127.0.0.1 is in the non-public range 127.0.0.0/8"));
        assertThat(attempts).filteredOn(a -> a.getWebhookId().equals(named.getWebhookId())).singleElement()
                .satisfies(a -> assertThat(a.getError()).matches("address (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1) is in the non-public range .*")
                        .contains("localhost"));
        assertThat(https.requests()).isEmpty();
    }

    @Test
    void shouldRefusePlainHttp() throws Exception {
        // given
        DeliveryTask task = Fixtures.task(http.url("/plain"), Fixtures.newSecret()).build();

        // when
        send(task);

        // then
        DeliveryAttempt attempt = DeliveryLog.awaitAttempts(List.of(task.getWebhookId()), 1, Duration.ofSeconds(20)).get(0);
        assertThat(attempt.getStatus().name()).isEqualTo("failed");
        assertThat(attempt.getError()).startsWith("https required");
        assertThat(http.requests()).isEmpty();
    }

    private static void send(DeliveryTask task) throws Exception {
        Fixtures.publishWebhookOf(producer, task);
        DelivererFixture.send(producer, task, null);
    }
}
