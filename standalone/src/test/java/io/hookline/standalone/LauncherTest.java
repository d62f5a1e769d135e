package io.hookline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options {@code ./hookline} gives the JVM: C2 alone at 1,000 calls for the platform's commands on 2 cores or
 * fewer unless {@code JAVA_OPTS} is set (BENCHMARKS.md, "C2 alone at 1,000 calls"). The real launcher runs from a
 * copy beside a built jar, with {@code java} and {@code nproc} on the PATH replaced by scripts that print what they
 * were given and the number of cores the test chooses.
 */
class LauncherTest {

    private static final String JAR = "standalone/target/hookline-standalone-0.1.0-SNAPSHOT-exec.jar";
    private static final List<String> SMALL_MACHINE = List.of("-XX:-TieredCompilation", "-XX:CompileThreshold=1000");

    @TempDir
    Path dir;

    @BeforeEach
    void copyTheLauncherBesideAJar() throws IOException {
        Files.copy(Path.of("..", "hookline"), dir.resolve("hookline"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(dir.resolve(JAR).getParent());
        Files.writeString(dir.resolve(JAR), "not run: java is the test's");
        Files.createDirectories(dir.resolve("bin"));
        script("bin/java", "for a in \"$@\"; do echo \"$a\"; done");
        script("bin/nproc", "echo \"$CORES\"");
    }

    @Test
    void shouldRunThePlatformWithC2AloneOnTwoCores() throws Exception {
        assertThat(javaArguments(2, null, "up")).containsExactly(SMALL_MACHINE.get(0), SMALL_MACHINE.get(1), "-jar", JAR, "up");
    }

    @Test
    void shouldRunEveryComponentAndTheDefaultCommandWithC2AloneOnOneCore() throws Exception {
        for (String command : List.of("gateway", "router", "deliverer", "executor", "--server.port=0")) {
            assertThat(javaArguments(1, null, command)).as(command).startsWith(SMALL_MACHINE.toArray(String[]::new));
        }
        assertThat(javaArguments(1, null)).containsExactly(SMALL_MACHINE.get(0), SMALL_MACHINE.get(1), "-jar", JAR);
    }

    @Test
    void shouldKeepTheJvmsTiersOnMoreCores() throws Exception {
        assertThat(javaArguments(4, null, "up")).containsExactly("-jar", JAR, "up");
    }

    @Test
    void shouldKeepTheTiersForShortCommands() throws Exception {
        assertThat(javaArguments(2, null, "topics")).containsExactly("-jar", JAR, "topics");
    }

    @Test
    void shouldGiveTheJvmWhatJavaOptsSaysEvenWhenItIsEmpty() throws Exception {
        assertThat(javaArguments(2, "", "up")).containsExactly("-jar", JAR, "up");
        assertThat(javaArguments(2, "-Xmx1g -XX:+UseSerialGC", "up")).containsExactly("-Xmx1g", "-XX:+UseSerialGC", "-jar", JAR, "up");
    }

    /** @param javaOpts JAVA_OPTS, or null to leave it unset */
    private List<String> javaArguments(int cores, String javaOpts, String... command) throws Exception {
        ProcessBuilder launcher = new ProcessBuilder();
        launcher.command().add(dir.resolve("hookline").toString());
        launcher.command().addAll(List.of(command));
        Map<String, String> env = launcher.environment();
        env.remove("JAVA_OPTS");
        if (javaOpts != null) {
            env.put("JAVA_OPTS", javaOpts);
        }
        env.put("CORES", Integer.toString(cores));
        env.put("PATH", dir.resolve("bin") + ":" + env.get("PATH"));
        // to a file, not a pipe: a launcher that printed more than a pipe holds would block before it ended
        Path out = dir.resolve("out");
        Process process = launcher.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = process.waitFor(30, TimeUnit.SECONDS);
        String output = Files.readString(out);
        assertThat(ended).as("the launcher ended: %s", output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    private void script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
