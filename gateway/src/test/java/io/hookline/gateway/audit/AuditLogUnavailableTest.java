package io.hookline.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.gateway.auth.Caller;
import io.hookline.schemas.principal.Role;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.schemas.audit.Actor;
import io.hookline.schemas.audit.Redaction;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.avro.AuditResourceType;
import io.hookline.schemas.topics.KafkaConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

/**
 * When the audit log cannot be written, the client is told, and told whether its change was applied:
 * a real producer against a loopback port where no broker listens.
 */
class AuditLogUnavailableTest {

    // nothing listens on port 1; the producer gives up after max.block.ms
    private final GatewayPublisher publisher = new GatewayPublisher(new KafkaConnection("127.0.0.1:1",
            Map.of("max.block.ms", "300", "request.timeout.ms", "300", "delivery.timeout.ms", "600")));
    private final AuditLog audit = new AuditLog(publisher, JsonMapper.builder().build(), Clock.systemUTC());

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void shouldAnswer503SayingTheChangeWasAppliedWhenItsEntryCannotBeWritten() {
        assertThatThrownBy(() -> audit.changed(Actor.system("deliverer", "cmd-1", "the endpoint answered 410 Gone"), "team-a",
                AuditAction.DISABLE, AuditResourceType.WEBHOOK, "wh_1", Map.of("status", "active"), Map.of("status", "disabled"))
                .block(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_UNAVAILABLE);
                    assertThat(e.code().status().value()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("The change was applied");
                });
    }

    @Test
    void shouldShowNothingAuditedWhenAReadsEntryCannotBeWritten() {
        // given an owner's request to reveal a secret
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v4/webhooks/wh_1/secret"));
        new Caller("usr_1", "team-a", Role.OWNER).attachTo(exchange);

        // when / then the read fails as a whole, and says nothing was shown
        assertThatThrownBy(() -> audit.read(exchange, AuditAction.REVEAL, AuditResourceType.SECRET, "wh_1",
                Map.of("secret", Redaction.REDACTED)).block(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("nothing audited can be shown");
                });
    }
}
