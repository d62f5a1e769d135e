package io.hookline.deliverer;

import static org.awaitility.Awaitility.await;

import io.hookline.schemas.Ids;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.SharedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The deliverer application on the shared broker, for integration tests. Its consumer group is new
 * and starts at the END of hookline.deliveries, so it delivers only what the test produces after
 * {@link #start} returned (tasks of earlier test classes are not replayed); start returns once every
 * partition is assigned and positioned.
 */
final class RunningDeliverer implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final String group;

    private RunningDeliverer(String group, String... properties) {
        this.group = group;
        List<String> all = new ArrayList<>(List.of(
                "hookline.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "hookline.kafka.properties.auto.offset.reset=latest",
                "hookline.secrets.key=" + Fixtures.KEY,
                "hookline.delivery.consumer-group=" + group,
                "spring.main.banner-mode=off"));
        all.addAll(List.of(properties));
        this.context = new SpringApplicationBuilder(DelivererApplication.class)
                .web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new))
                .run();
    }

    static RunningDeliverer start(String... properties) {
        return startInGroup("it-deliverer-" + Ids.random(""), properties);
    }

    /** A deliverer in the given consumer group: a restart of an earlier one when the group has committed offsets. */
    static RunningDeliverer startInGroup(String group, String... properties) {
        RunningDeliverer deliverer = new RunningDeliverer(group, properties);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Health health = deliverer.health();
            return health.getStatus().equals(Status.UP)
                    && Integer.valueOf(Topics.DELIVERIES.partitions()).equals(health.getDetails().get("assignedPartitions"))
                    && Integer.valueOf(Topics.DELIVERY_RETRIES.partitions()).equals(health.getDetails().get("retryPartitions"))
                    && Integer.valueOf(Topics.DELIVERY_RETRIES_LATER.partitions()).equals(health.getDetails().get("laterRetryPartitions"));
        });
        return deliverer;
    }

    Health health() {
        return context.getBean("delivererHealthIndicator", HealthIndicator.class).health();
    }

    @Override
    public void close() {
        context.close();
    }
}
