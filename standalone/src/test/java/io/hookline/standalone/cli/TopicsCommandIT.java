package io.hookline.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.testsupport.SharedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code hookline topics}: the delivery log's retention is configurable in place, on a real broker. */
class TopicsCommandIT {

    @Test
    void shouldChangeTheDeliveryLogRetentionAndListIt() {
        // the catalog's default is 30 days
        assertThat(line(run("list"), "hookline.delivery-log")).contains("delete", " 30d");

        run("retention", "--topic", "hookline.delivery-log", "--retention", "90d");

        // the brokers apply a config change asynchronously
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(line(run("list"), "hookline.delivery-log")).endsWith(" 90d"));
        run("retention", "--topic", "hookline.delivery-log", "--retention", "30d");
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(line(run("list"), "hookline.delivery-log")).endsWith(" 30d"));
    }

    @Test
    void shouldRefuseTopicsOutsideTheCatalogAndBadDurations() {
        assertThatThrownBy(() -> run("retention", "--topic", "__consumer_offsets", "--retention", "1d"))
                .isInstanceOf(CliException.class).hasMessageContaining("catalog");
        assertThatThrownBy(() -> run("retention", "--topic", "hookline.delivery-log", "--retention", "forever"))
                .hasMessageContaining("90d");
    }

    private static String line(List<String> lines, String topic) {
        return lines.stream().filter(l -> l.startsWith(topic + " ")).findFirst().orElseThrow();
    }

    private static List<String> run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = SharedKafka.bootstrapServers();
        new TopicsCommand(new PrintStream(out, true, StandardCharsets.UTF_8)).run(all);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
