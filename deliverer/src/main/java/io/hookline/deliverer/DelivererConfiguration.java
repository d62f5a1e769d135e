package io.hookline.deliverer;

import io.hookline.deliverer.delivery.DeliveryJob;
import io.hookline.deliverer.http.HttpSender;
import io.hookline.deliverer.request.RequestFactory;
import io.hookline.deliverer.retry.RetryRules;
import io.hookline.deliverer.signing.Signer;
import io.hookline.deliverer.tracing.AttemptTracing;
import io.hookline.kafka.DeliveryUrlPolicy;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.SplittableRandom;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deliverer's beans. Needs a {@link KafkaConnection}, a {@link SecretCipher} and the
 * {@link DeliveryUrlPolicy} from the application ({@code PlatformConfiguration}); declares nothing of a
 * type another component could also declare.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DeliveryProperties.class, HealthProperties.class})
public class DelivererConfiguration {

    @Bean(destroyMethod = "close")
    HttpSender delivererHttpSender(DeliveryProperties properties, DeliveryUrlPolicy urls) {
        return new HttpSender(properties, urls);
    }

    /**
     * Off unless {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set; an {@link OpenTelemetry} the application
     * declares (an embedding application's, a test's in-memory one) is used instead, and not closed here.
     */
    @Bean(destroyMethod = "close")
    AttemptTracing delivererTracing(ObjectProvider<OpenTelemetry> openTelemetry) {
        OpenTelemetry given = openTelemetry.getIfUnique();
        return given != null ? AttemptTracing.using(given) : AttemptTracing.fromEnvironment(System.getenv());
    }

    @Bean
    DelivererClients delivererClients(KafkaConnection kafka, DeliveryProperties properties) {
        return new DelivererClients(kafka, properties.consumerGroup());
    }

    @Bean
    RequestFactory delivererRequestFactory(SecretCipher cipher, DeliveryProperties properties, AttemptTracing delivererTracing,
                                           ObjectProvider<Clock> clock) {
        return new RequestFactory(new Signer(clock(clock)), cipher, properties.headerPrefix(), delivererTracing);
    }

    @Bean
    RetryRules delivererRetryRules() {
        return new RetryRules(new SplittableRandom()::nextDouble);
    }

    @Bean
    DeliveryJob.Transport delivererTransport(RequestFactory delivererRequestFactory, HttpSender delivererHttpSender) {
        return new DeliveryJob.Transport(delivererRequestFactory, delivererHttpSender);
    }

    @Bean
    DelivererRuns delivererRuns(DelivererClients delivererClients, DeliveryProperties properties, HealthProperties healthProperties,
                                DeliveryJob.Transport delivererTransport, RetryRules delivererRetryRules, ObjectProvider<Clock> clock,
                                ObjectProvider<MeterRegistry> meters) {
        return new DelivererRuns(delivererClients, properties, healthProperties, delivererTransport, delivererRetryRules, clock(clock),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    DelivererLifecycle delivererConsumerLoop(DelivererRuns delivererRuns, DeliveryProperties properties) {
        return new DelivererLifecycle(delivererRuns, properties);
    }

    private static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfUnique(Clock::systemUTC);
    }

    @Bean
    HealthIndicator delivererHealthIndicator(DelivererLifecycle delivererConsumerLoop) {
        return delivererConsumerLoop::health;
    }
}
