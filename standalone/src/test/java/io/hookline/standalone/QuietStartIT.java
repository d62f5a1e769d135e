package io.hookline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./hookline up} as a newcomer sees it: its own JVM, its own broker, what it prints on the terminal. */
class QuietStartIT {

    @TempDir
    Path data;

    @Test
    void shouldPrintADozenLinesAndTheKeyWhileTheFullLogGoesToAFile() throws Exception {
        // given the command a newcomer runs, in a process of its own, with the jar's classes only (no test logging config)
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        Process up = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, StandaloneApplication.class.getName(), "up",
                "--hookline.data-dir=" + data, "--server.port=0", "--hookline.embedded-kafka.port=0")
                .redirectErrorStream(true)
                .start();
        List<String> printed = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(printed::add);
            } catch (java.io.IOException e) {
                printed.add("(output closed: " + e + ")");
            }
        });
        reader.start();
        try {
            // when it is up
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120))
                    .until(() -> printed.stream().anyMatch(l -> l.startsWith("Hookline is up at")) || !up.isAlive());

            // then the terminal shows what starts, the key once and "Hookline is up": a dozen lines besides the key's box
            assertThat(printed).as("printed:%n%s", String.join("\n", printed)).anyMatch(l -> l.startsWith("Hookline is up at"));
            assertThat(printed).anyMatch(l -> l.matches("Admin console: http://localhost:\\d+/admin"));
            String key = Files.readString(data.resolve("owner.key")).trim();
            assertThat(printed.stream().filter(l -> l.contains(key))).hasSize(1);
            List<String> notTheKeyBox = printed.stream().filter(l -> !l.isBlank() && !l.startsWith(" ") && !l.startsWith("====")).toList();
            assertThat(notTheKeyBox).as("printed:%n%s", String.join("\n", printed)).hasSizeLessThanOrEqualTo(12);
            // and the full log is in the file
            assertThat(Files.readAllLines(data.resolve("logs/hookline.log"))).hasSizeGreaterThan(notTheKeyBox.size())
                    .anyMatch(l -> l.contains("Embedded Kafka"));
        } finally {
            up.destroy();
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            reader.join(10_000);
        }
    }
}
