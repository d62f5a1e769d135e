package io.hookline.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.executor.TestProperties;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxCommandTest {

    private final JobFiles files = JobFiles.in(Path.of("/work/jobs/j1"));
    private final Path lib = Path.of("/work/lib");
    private final Path api = Path.of("/work/api");

    @Test
    void shouldDropToTheUnprivilegedUidBeforeBwrapWhenRunningAsRoot() {
        List<String> command = command(true).command(files, lib, api, 6000);

        assertThat(command.subList(0, 6)).containsExactly("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                "/usr/bin/bwrap");
    }

    @Test
    void shouldNotUseSetprivWhenAlreadyUnprivileged() {
        List<String> command = command(false).command(files, lib, api, 6000);

        assertThat(command.get(0)).isEqualTo("/usr/bin/bwrap");
    }

    @Test
    void shouldIsolateNetworkPidsAndUserNamespacesAndDieWithTheLauncher() {
        List<String> command = command(true).command(files, lib, api, 6000);

        assertThat(command).contains("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
                "--clearenv");
        assertThat(command).doesNotContain("--share-net");
    }

    @Test
    void shouldBindTheSystemReadOnlyAndOnlyTheJobOutputWritable() {
        List<String> command = command(true).command(files, lib, api, 6000);

        assertThat(pairAfter(command, "/usr")).isEqualTo("--ro-bind");
        assertThat(Collections.frequency(command, "--bind")).isEqualTo(1);
        assertThat(command.get(command.indexOf("--bind") + 1)).isEqualTo("/work/jobs/j1/out");
        assertThat(command).containsSubsequence("--ro-bind", "/work/jobs/j1/data.json", "/job/data.json");
        assertThat(command).containsSubsequence("--ro-bind", "/work/api", "/run/hookline");
        assertThat(command).containsSubsequence("--size", Long.toString(64L * 1024 * 1024), "--tmpfs", "/tmp");
        assertThat(command).noneMatch(arg -> arg.startsWith("/etc") || arg.equals("/root"));
    }

    @Test
    void shouldPassLimitsWithACpuBackstopAboveTheTimeout() {
        List<String> command = command(true).command(files, lib, api, 2500);

        assertThat(command.subList(command.size() - 5, command.size()))
                .containsExactly(Long.toString(512L * 1024 * 1024), "64", Long.toString(64L * 1024 * 1024), "4", "256");
    }

    @Test
    void shouldGiveDatasetsALoopbackBaseUrlWhenSandboxedAndTheGatewayOtherwise() {
        assertThat(command(true).apiBaseUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(new SandboxCommand(TestProperties.of("none", "http://gw:9000/", org.springframework.util.unit.DataSize.ofMegabytes(1)),
                true, () -> java.net.URI.create("http://gw:9000/")).apiBaseUrl()).isEqualTo("http://gw:9000");
    }

    @Test
    void shouldFreezeTheRootAfterMounting() {
        List<String> command = command(true).command(files, lib, api, 6000);

        assertThat(command.lastIndexOf("--remount-ro")).isGreaterThan(command.lastIndexOf("--ro-bind"));
        assertThat(command.get(command.lastIndexOf("--remount-ro") + 1)).isEqualTo("/");
    }

    @Test
    void shouldMakeDevReadOnlyAndEveryWritableMountSizeLimited() {
        for (List<String> command : List.of(command(true).command(files, lib, api, 6000), command(true).zygote(lib, api))) {
            assertThat(command).containsSubsequence("--dev", "/dev", "--remount-ro", "/dev");
            assertThat(Collections.frequency(command, "--tmpfs")).isEqualTo(Collections.frequency(command, "--size"));
        }
        assertThat(command(true).command(files, lib, api, 6000)).containsSubsequence("--size", Long.toString(64L * 1024 * 1024),
                "--tmpfs", "/dev/shm");
    }

    @Test
    void shouldLetOnlyTheZygoteCreateTheUserNamespaceOfEachJob() {
        List<String> fresh = command(true).command(files, lib, api, 6000);
        List<String> zygote = command(true).zygote(lib, api);

        assertThat(fresh).contains("--disable-userns", "--as-pid-1");
        assertThat(zygote).doesNotContain("--disable-userns", "--as-pid-1");
        // the zygote mounts each job's /tmp and /dev/shm with these sizes
        assertThat(zygote.subList(zygote.size() - 3, zygote.size()))
                .containsExactly("/opt/hookline/zygote.py", Long.toString(64L * 1024 * 1024), Long.toString(64L * 1024 * 1024));
    }

    private static SandboxCommand command(boolean root) {
        return new SandboxCommand(TestProperties.sandboxed("http://localhost:8080"), root, () -> java.net.URI.create("http://localhost:8080"));
    }

    private static String pairAfter(List<String> command, String path) {
        return command.get(command.indexOf(path) - 1);
    }
}
