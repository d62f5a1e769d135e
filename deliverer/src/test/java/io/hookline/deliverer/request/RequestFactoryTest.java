package io.hookline.deliverer.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.deliverer.Fixtures;
import io.hookline.deliverer.signing.Signer;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.crypto.SecretCipher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestFactoryTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-28T10:15:07Z"), ZoneOffset.UTC);
    private final RequestFactory factory = new RequestFactory(new Signer(clock), Fixtures.CIPHER, "X-Define-");

    @Test
    void shouldSendTheEventsTraceContextAndNoCustomHeaderThatWouldReplaceIt() {
        // given a task of a traced event whose custom headers (from a topic others can write) try to forge one
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret())
                .setTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .setHeaders(Map.of("TraceParent", "00-11111111111111111111111111111111-1111111111111111-01", "X-Team", "a"))
                .build();

        // when
        OutboundRequest request = factory.build(task);

        // then the event's traceparent is sent, once
        assertThat(request.headers()).containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .containsEntry("X-Team", "a").doesNotContainKey("TraceParent").doesNotContainKey("tracestate");
    }

    @Test
    void shouldSendTheContractsHeaders() {
        // given
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret()).build();

        // when
        OutboundRequest request = factory.build(task);

        // then
        assertThat(request.url()).isEqualTo("https://example.com/hook");
        assertThat(request.headers())
                .containsEntry("Content-Type", "application/json")
                .containsEntry("webhook-id", task.getDeliveryId())
                .containsEntry("webhook-timestamp", "1774692907")
                .containsEntry("X-Define-Webhook-ID", task.getWebhookId())
                .containsEntry("X-Define-Delivery-ID", task.getDeliveryId())
                .containsEntry("X-Define-Event", "acronym.created")
                .doesNotContainKey(OutboundRequest.SECRET_HEADER);
        assertThat(request.headers().get("User-Agent")).startsWith("Hookline/");
        assertThat(request.headers().get("webhook-signature")).startsWith("v1,");
        assertThat(request.headers().get("X-Define-Signature")).startsWith("sha256=");
        assertThat(request.body()).isEqualTo(factory.body(task));
    }

    @Test
    void shouldSendSealedCustomHeaderValuesInClearAndOldClearValuesAsTheyAre() {
        // given a task whose header values the gateway sealed, one of a webhook stored before it did, and a
        // clear value that merely looks sealed
        Map<String, String> custom = new LinkedHashMap<>();
        custom.put("Authorization", Fixtures.CIPHER.encrypt("Bearer s3cr3t"));
        custom.put("X-Team", "payments");
        custom.put("X-Version", "v1.2");
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret()).setHeaders(custom).build();

        // when
        OutboundRequest request = factory.build(task);

        // then the receiver gets every value in clear
        assertThat(request.headers()).containsEntry("Authorization", "Bearer s3cr3t").containsEntry("X-Team", "payments")
                .containsEntry("X-Version", "v1.2");
    }

    @Test
    void shouldSendTheWebhooksCustomHeadersAfterHooklinesOwn() {
        // given a task with two custom headers
        Map<String, String> custom = new LinkedHashMap<>();
        custom.put("X-Team", "payments");
        custom.put("Authorization", "Bearer abc");
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret()).setHeaders(custom).build();

        // when
        OutboundRequest request = factory.build(task);

        // then both are sent, after the signature headers, which they do not change
        assertThat(request.headers()).containsEntry("X-Team", "payments").containsEntry("Authorization", "Bearer abc");
        assertThat(List.copyOf(request.headers().keySet())).endsWith("X-Team", "Authorization");
        // (Standard Webhooks signs id.timestamp.body: custom headers are not covered by the signature)
        assertThat(request.headers().get("webhook-signature"))
                .isEqualTo(factory.build(DeliveryTask.newBuilder(task).setHeaders(Map.of()).build()).headers().get("webhook-signature"));
    }

    @Test
    void shouldNeverLetACustomHeaderReplaceOrSplitHooklinesHeadersEvenFromAForgedTask() {
        // given a task written to the topic by something that skipped the gateway's checks
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("content-type", "text/plain");
        forged.put("WEBHOOK-SIGNATURE", "v1,forged");
        forged.put("x-acme-event", "forged");
        forged.put("X-Split", "a\r\nX-Injected: 1");
        forged.put("X-Fine", "kept");
        RequestFactory acme = new RequestFactory(new Signer(clock), Fixtures.CIPHER, "X-Acme-");
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret()).setHeaders(forged).build();

        // when
        OutboundRequest request = acme.build(task);

        // then only the harmless one is added
        assertThat(request.headers()).containsEntry("Content-Type", "application/json").containsEntry("X-Acme-Event", "acronym.created")
                .containsEntry("X-Fine", "kept")
                .doesNotContainKeys("content-type", "WEBHOOK-SIGNATURE", "x-acme-event", "X-Split");
    }

    @Test
    void shouldUseTheConfiguredHeaderPrefix() {
        // given
        RequestFactory acme = new RequestFactory(new Signer(clock), Fixtures.CIPHER, "X-Acme-");

        // when
        OutboundRequest request = acme.build(Fixtures.task("https://example.com/hook", Fixtures.newSecret()).build());

        // then
        assertThat(request.headers()).containsKeys("X-Acme-Signature", "X-Acme-Webhook-ID", "X-Acme-Delivery-ID", "X-Acme-Event")
                .doesNotContainKey("X-Define-Signature");
    }

    @Test
    void shouldSendThePlaintextSecretOnlyWhenOptedInAndRedactItForTheRecord() {
        // given
        String secret = Fixtures.newSecret();
        DeliveryTask task = Fixtures.task("https://example.com/hook", secret, Fixtures.newSecret())
                .setSendPlaintextSecret(true).build();

        // when
        OutboundRequest request = factory.build(task);

        // then
        assertThat(request.headers()).containsEntry(OutboundRequest.SECRET_HEADER, secret);
        assertThat(request.redactedHeaders()).containsEntry(OutboundRequest.SECRET_HEADER, OutboundRequest.REDACTED);
        assertThat(request.redactedHeaders().values()).doesNotContain(secret);
    }

    @Test
    void shouldSignWithEveryValidSecret() {
        // when
        OutboundRequest request = factory.build(
                Fixtures.task("https://example.com/hook", Fixtures.newSecret(), Fixtures.newSecret()).build());

        // then
        assertThat(request.headers().get("webhook-signature").split(" ")).hasSize(2);
    }

    @Test
    void shouldRefuseASecretSealedWithAnotherKey() {
        // given
        SecretCipher other = SecretCipher.fromBase64Key(SecretCipher.generateKey());
        DeliveryTask task = Fixtures.task("https://example.com/hook")
                .setSecrets(List.of(other.encrypt(Fixtures.newSecret()))).build();

        // then
        assertThatThrownBy(() -> factory.build(task)).isInstanceOf(UnsignableException.class)
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void shouldRefuseATaskWithoutSecrets() {
        // given
        DeliveryTask task = Fixtures.task("https://example.com/hook").build();

        // then
        assertThatThrownBy(() -> factory.build(task)).isInstanceOf(UnsignableException.class)
                .hasMessageContaining("no signing secret");
    }
}
