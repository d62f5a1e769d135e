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
 * were given and the number of cores the test chooses, and the cgroup files it reads for a CPU quota are the test's.
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
        Files.createDirectories(dir.resolve("cgroup/cpu"));
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

    @Test
    void shouldCountTheCoresOfAContainersCpuQuotaAsTheJvmDoes() throws Exception {
        // cgroup v2: a quota of 2 cores, and of 1.5 (which the JVM rounds up to 2), on a host of 8
        Files.writeString(dir.resolve("cgroup/cpu.max"), "200000 100000\n");
        assertThat(javaArguments(8, null, "up")).startsWith(SMALL_MACHINE.toArray(String[]::new));
        Files.writeString(dir.resolve("cgroup/cpu.max"), "150000 100000\n");
        assertThat(javaArguments(8, null, "up")).startsWith(SMALL_MACHINE.toArray(String[]::new));
        // 2.5 cores are 3, and no quota leaves the host's 8
        Files.writeString(dir.resolve("cgroup/cpu.max"), "250000 100000\n");
        assertThat(javaArguments(8, null, "up")).containsExactly("-jar", JAR, "up");
        Files.writeString(dir.resolve("cgroup/cpu.max"), "max 100000\n");
        assertThat(javaArguments(8, null, "up")).containsExactly("-jar", JAR, "up");
        // a quota above the cores this process may run on does not add any
        Files.writeString(dir.resolve("cgroup/cpu.max"), "800000 100000\n");
        assertThat(javaArguments(2, null, "up")).startsWith(SMALL_MACHINE.toArray(String[]::new));
    }

    @Test
    void shouldCountTheCoresOfACgroupV1Quota() throws Exception {
        Files.writeString(dir.resolve("cgroup/cpu/cpu.cfs_period_us"), "100000\n");
        Files.writeString(dir.resolve("cgroup/cpu/cpu.cfs_quota_us"), "100000\n");
        assertThat(javaArguments(4, null, "up")).startsWith(SMALL_MACHINE.toArray(String[]::new));
        Files.writeString(dir.resolve("cgroup/cpu/cpu.cfs_quota_us"), "-1\n");
        assertThat(javaArguments(4, null, "up")).containsExactly("-jar", JAR, "up");
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
        // the test's own cgroup files (none unless a test writes them), not those of the machine the tests run on
        env.put("HOOKLINE_CGROUP_ROOT", dir.resolve("cgroup").toString());
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
