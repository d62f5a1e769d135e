package io.hookline.gateway.execute;

import io.hookline.gateway.audit.AuditLog;
import io.hookline.gateway.GatewayProperties;
import io.hookline.gateway.auth.DocKeyFilter;
import io.hookline.gateway.doc.DocController;
import io.hookline.gateway.doc.Docs;
import io.hookline.gateway.owner.Commander;
import io.hookline.schemas.avro.DocCommand;
import io.hookline.schemas.avro.DocOutcome;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.table.TableConfiguration;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.kafka.LifecyclePhases;
import io.hookline.kafka.SecretsKey;
import io.hookline.schemas.avro.Doc;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's side of execute webhooks: docs, the execute endpoint and its reply consumer, the
 * execution log view, the write-back tables ({@link TableConfiguration}), and the filter that accepts
 * datasets' short-lived keys.
 */
@Configuration(proxyBeanMethods = false)
@Import({TableConfiguration.class, io.hookline.gateway.doc.DocConfiguration.class})
public class ExecuteConfiguration {

    /** With the gateway's other views: after topic creation, before the web server. */
    static final int VIEWS_PHASE = LifecyclePhases.VIEWS;

    @Bean
    TopicView<Doc> gatewayDocsView(KafkaConnection connection) {
        return new TopicView<>(Topics.DOCS, connection, "hookline-gateway-docs", VIEWS_PHASE);
    }

    @Bean
    ExecutionLog gatewayExecutionLog(KafkaConnection connection) {
        return new ExecutionLog(connection, VIEWS_PHASE);
    }

    @Bean
    ExecuteReplies gatewayExecuteReplies(KafkaConnection connection) {
        return new ExecuteReplies(connection, VIEWS_PHASE);
    }

    @Bean
    Docs gatewayDocs(TopicView<Doc> gatewayDocsView, Commander<DocCommand, Doc, DocOutcome> gatewayDocCommander, ObjectProvider<Clock> clock) {
        return new Docs(gatewayDocsView, gatewayDocCommander, clock(clock));
    }

    @Bean
    DocController gatewayDocController(Docs gatewayDocs, JsonBodyReader bodies, AuditLog gatewayAuditLog) {
        return new DocController(gatewayDocs, bodies, gatewayAuditLog);
    }

    @Bean
    ExecuteController gatewayExecuteController(Docs gatewayDocs, ExecuteReplies gatewayExecuteReplies, GatewayPublisher publisher,
            SecretCipher cipher, JsonBodyReader bodies, JsonMapper mapper, ObjectProvider<Clock> clock) {
        return new ExecuteController(gatewayDocs, gatewayExecuteReplies, publisher, cipher, bodies, mapper, clock(clock));
    }

    @Bean
    ExecutionController gatewayExecutionController(ExecutionLog gatewayExecutionLog) {
        return new ExecutionController(gatewayExecutionLog);
    }

    @Bean
    DocKeyFilter gatewayDocKeyFilter(SecretsKey secretsKey, ObjectProvider<Clock> clock) {
        // datasets' DEFINITE_API_KEY is verified with the platform's secrets key
        return new DocKeyFilter(secretsKey.base64(), clock(clock));
    }

    private static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfUnique(Clock::systemUTC);
    }
}
