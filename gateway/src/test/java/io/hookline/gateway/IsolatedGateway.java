package io.hookline.gateway;

import static org.awaitility.Awaitility.await;

import io.hookline.schemas.principal.Credentials;
import io.hookline.schemas.principal.Role;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.SharedKafka;
import io.hookline.testsupport.TestKafka;
import io.hookline.testsupport.openapi.ContractFilters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway instance of a test's own on the shared broker, which may be stopped mid-run: it has
 * event loops of its own, because stopping one on Reactor Netty's global loops (Boot's default)
 * disposes them under {@link GatewayTestApp#shared()} too.
 */
final class IsolatedGateway implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private IsolatedGateway(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** A gateway with the test defaults plus these properties. */
    static IsolatedGateway start(Map<String, String> properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--hookline.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--hookline.secrets.key=" + GatewayTestApp.SECRETS_KEY));
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new IsolatedGateway(new SpringApplicationBuilder(GatewayApplication.class, OwnEventLoops.class)
                .registerShutdownHook(false).run(args.toArray(String[]::new)));
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(60)).filter(ContractFilters.validating(GatewayTestApp.CONTRACT)).build();
    }

    /** Writes a user straight to the principals topic and waits until this gateway knows it; returns the key. */
    String newUser(String teamId, Role role) {
        Credentials.Issued issued = Credentials.newUser(teamId, "u" + System.nanoTime() + "@example.com", role, Instant.now());
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.PRINCIPALS.name(), issued.key().userId(), Topics.PRINCIPALS.valueSerde().serializer()
                    .serialize(Topics.PRINCIPALS.name(), issued.principal()))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish the principal", e);
        }
        TopicView<?> principals = context.getBean("gatewayPrincipalsView", TopicView.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> principals.get(issued.key().userId()).isPresent());
        return issued.key().value();
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEventLoops {

        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory factory = new ReactorResourceFactory();
            factory.setUseGlobalResources(false);
            return factory;
        }
    }
}
