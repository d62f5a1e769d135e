package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.gateway.bootstrap.OwnerBootstrap;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestKafka;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class OwnerBootstrapIT {

    private static GatewayTestApp app;

    @BeforeAll
    static void start() {
        app = GatewayTestApp.shared();
    }

    @Test
    void shouldWriteTheOwnersKeyToAFileOnlyTheOwnerCanRead() throws Exception {
        // when
        String key = app.ownerKey();

        // then
        assertThat(Files.readString(app.ownerKeyFile()).trim()).isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(app.ownerKeyFile()))).isEqualTo("rw-------");
    }

    @Test
    void shouldLetTheOwnerUseTheApiAtOnce() {
        success(app.client().get().uri("/v4/webhooks").header(HttpHeaders.AUTHORIZATION, "Bearer " + app.ownerKey()).exchange(), 200);
    }

    @Test
    void shouldStoreOnlyTheHashOfTheOwnersKey() {
        // given
        String key = app.ownerKey();
        String userId = key.substring(0, key.indexOf('-'));

        // when
        List<ConsumerRecord<String, Principal>> records = TestKafka.consumeUntil(Topics.PRINCIPALS, "principals-it-" + UUID.randomUUID(),
                read -> read.stream().anyMatch(r -> userId.equals(r.key())), Duration.ofSeconds(30));

        // then
        Principal owner = records.stream().filter(r -> userId.equals(r.key())).findFirst().orElseThrow().value();
        assertThat(owner.getTeamId()).isEqualTo(OwnerBootstrap.TEAM);
        assertThat(owner.getRole().name()).isEqualTo("owner");
        assertThat(owner.getEmail()).isEqualTo("owner@localhost");
        assertThat(owner.getKeyHash()).matches("[0-9a-f]{64}").doesNotContain(key.substring(key.indexOf('-') + 1));
    }

    @Test
    void shouldReportKafkaAndTheOwnersInHealth() {
        app.client().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.details.clusterId").isNotEmpty()
                .jsonPath("$.components.owners.status").isEqualTo("UP")
                .jsonPath("$.components.owners.details.principal.status").isEqualTo("running");
    }
}
