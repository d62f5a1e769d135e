package io.hookline.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.testsupport.ReceivedRequest;
import io.hookline.testsupport.TestReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real python3 under real bwrap: what a dataset can and cannot do, and that the sandbox keeps
 * serving after each attack. Run against both sandboxes: fresh per job, and the warm pool.
 */
abstract class SandboxBehaviour {

    private static SandboxFixture fixture;
    private static TestReceiver gateway;

    static void startSandbox(boolean warm, Path workDir) {
        fixture = new SandboxFixture(warm ? SandboxFixture.Mode.WARM : SandboxFixture.Mode.FRESH, 4, workDir);
        gateway = fixture.gateway;
    }

    @AfterAll
    static void stopSandbox() {
        fixture.close();
    }

    @AfterEach
    void stillServing() {
        SandboxRun run = run("print('alive')", "{}", Map.of(), 10_000);
        assertThat(run.succeeded()).as("the sandbox still serves the next dataset").isTrue();
        assertThat(run.stdout()).isEqualTo("alive\n");
    }

    @Test
    void shouldReadTheDataFileAndVariablesOfTheRequest() {
        SandboxRun run = run("""
                import json, os
                data = json.load(open(os.environ["WEBHOOK_DATA_FILE"]))
                print(data["meeting"], os.environ["GREETING"], sorted(os.environ))
                """, "{\"meeting\": \"standup\"}", Map.of("GREETING", "hi", "DEFINITE_API_KEY", "dk_x"), 10_000);

        assertThat(run.succeeded()).as(run.stderr()).isTrue();
        assertThat(run.stdout()).startsWith("standup hi ['DEFINITE_API_BASE_URL', 'DEFINITE_API_KEY', 'GREETING', 'HOME', 'LC_ALL', "
                + "'PATH', 'PWD', 'WEBHOOK_DATA_FILE']");
    }

    @Test
    void shouldRunAsAnUnprivilegedUserInItsOwnPidNamespace() {
        SandboxRun run = run("import os\nprint(os.getuid(), os.geteuid(), os.getpid(), [p for p in os.listdir('/proc') if p.isdigit()])",
                "{}", Map.of(), 10_000);

        assertThat(run.stdout()).as(run.stderr()).isEqualTo("65534 65534 1 ['1']\n");
    }

    @Test
    void shouldDenySystemCallsThatReachOtherProcessesOrChangeNamespacesAndMounts() {
        SandboxRun run = run("""
                import ctypes, os, subprocess, threading, time
                libc = ctypes.CDLL(None, use_errno=True)
                child = os.fork()
                if child == 0:
                    time.sleep(30)
                    os._exit(0)
                def errno(result):
                    return "ok" if result >= 0 else os.strerror(ctypes.get_errno())
                buf = ctypes.create_string_buffer(8)
                iov = (ctypes.c_void_p * 2)(ctypes.cast(buf, ctypes.c_void_p), 8)
                print("ptrace", errno(libc.ptrace(16, child, 0, 0)))
                print("process_vm_readv", errno(libc.process_vm_readv(child, iov, 1, iov, 1, 0)))
                print("unshare", errno(libc.unshare(0x10000000)))
                print("mount", errno(libc.mount(b"tmpfs", b"/tmp", b"tmpfs", 0, None)))
                print("clone3", errno(libc.syscall(435, None, 0)))
                print("personality", errno(libc.personality(0x0040000)))
                os.kill(child, 9)
                t = threading.Thread(target=lambda: print("thread ok"))
                t.start()
                t.join()
                print(subprocess.run(["/usr/bin/echo", "subprocess ok"], capture_output=True, text=True).stdout.strip())
                """, "{}", Map.of(), 10_000);

        assertThat(run.stdout().lines()).as(run.stderr()).containsExactly("ptrace Operation not permitted",
                "process_vm_readv Operation not permitted", "unshare Operation not permitted", "mount Operation not permitted",
                "clone3 Function not implemented", "personality Operation not permitted", "thread ok", "subprocess ok");
    }

    @Test
    void shouldReportThePythonErrorAndTraceback() {
        SandboxRun run = run("""
                def handle():
                    raise ValueError("boom")
                handle()
                """, "{}", Map.of(), 10_000);

        assertThat(run.succeeded()).isFalse();
        assertThat(run.pythonError()).isEqualTo("ValueError: boom");
        assertThat(run.stderr()).contains("Traceback (most recent call last)", "File \"dataset.py\", line 3", "ValueError: boom")
                .doesNotContain("runner.py");
    }

    @Test
    void shouldWriteBackThroughTheExecutorOnly() {
        SandboxRun run = run("""
                import hookline, os
                print(os.environ["DEFINITE_API_BASE_URL"])
                print(hookline.write_rows("meetings", [{"id": hookline.data()["id"]}]))
                """, "{\"id\": 7}", Map.of("DEFINITE_API_KEY", "dk_test"), 10_000);

        assertThat(run.succeeded()).as(run.stderr()).isTrue();
        assertThat(run.stdout()).isEqualTo("http://127.0.0.1:8080\n{'written': 1}\n");
        ReceivedRequest request = gateway.awaitRequests(1, Duration.ofSeconds(5)).get(0);
        assertThat(request.path()).isEqualTo("/v4/tables/meetings/rows");
        assertThat(request.headers()).containsEntry("authorization", "Bearer dk_test");
        assertThat(request.body()).isEqualTo("{\"rows\": [{\"id\": 7}]}");
    }

    @Test
    void shouldStopAForkBombAtTheProcessLimit() {
        SandboxRun run = run("""
                import os, time
                n = 0
                try:
                    while n < 1000:
                        if os.fork() == 0:
                            time.sleep(60)
                            os._exit(0)
                        n += 1
                except OSError as e:
                    print("stopped after", n, type(e).__name__)
                """, "{}", Map.of(), 10_000);

        assertThat(run.stdout()).startsWith("stopped after");
        assertThat(Integer.parseInt(run.stdout().split(" ")[2])).isLessThan(64);
    }

    @Test
    void shouldFailAMemoryBombWithMemoryError() {
        SandboxRun run = run("x = bytearray(2 * 1024 * 1024 * 1024)", "{}", Map.of(), 10_000);

        assertThat(run.succeeded()).isFalse();
        assertThat(run.pythonError()).startsWith("MemoryError");
    }

    @Test
    void shouldKillEndlessOutputAtTheCap() {
        SandboxRun run = run("""
                import sys
                while True:
                    sys.stdout.write("x" * 65536)
                """, "{}", Map.of(), 20_000);

        assertThat(run.ending()).isEqualTo(SandboxRun.Ending.OUTPUT_EXCEEDED);
        assertThat(run.stdout()).hasSize(1024 * 1024);
        assertThat(run.durationMs()).as("killed at the cap, not at the timeout").isLessThan(15_000);
    }

    @Test
    void shouldKillTheWholeTreeAtTheTimeout() {
        String marker = "7" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000) + ".5";
        SandboxRun run = run("""
                import subprocess, time
                subprocess.Popen(["/usr/bin/sleep", "%s"])
                time.sleep(100)
                """.formatted(marker), "{}", Map.of(), 1_000);

        assertThat(run.ending()).isEqualTo(SandboxRun.Ending.TIMED_OUT);
        assertThat(run.durationMs()).isLessThan(10_000);
        assertThat(processesWith(marker)).isEmpty();
    }

    @Test
    void shouldNotLetADetachedDaemonSurviveOrHoldTheOutput() {
        String marker = "8" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000) + ".5";
        SandboxRun run = run("""
                import os
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        os.execv("/usr/bin/sleep", ["sleep", "%s"])
                    os._exit(0)
                print("parent done")
                """.formatted(marker), "{}", Map.of(), 20_000);

        assertThat(run.succeeded()).isTrue();
        assertThat(run.stdout()).isEqualTo("parent done\n");
        assertThat(run.durationMs()).as("the daemon did not hold the output pipe").isLessThan(10_000);
        assertThat(processesWith(marker)).isEmpty();
    }

    @Test
    void shouldNotSeeHostSecretsFilesOrTheExecutorsEnvironment() throws IOException {
        Path hostSecret = Files.writeString(Files.createTempFile("host-secret", ".txt"), "top secret");
        long executorPid = ProcessHandle.current().pid();
        SandboxRun run = run("""
                import os
                for path in ["/etc/shadow", "/etc/passwd", "/root", "%s", "/proc/%d/environ"]:
                    try:
                        open(path).read()
                        print("READ", path)
                    except OSError as e:
                        print("denied", type(e).__name__)
                print(os.listdir("/proc").count("%d"))
                """.formatted(hostSecret, executorPid, executorPid), "{}", Map.of(), 10_000);

        assertThat(run.stdout()).doesNotContain("READ").contains("denied").endsWith("0\n");
    }

    @Test
    void shouldReachNoNetworkButTheWriteBackChannel() throws IOException {
        try (ServerSocket hostService = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SandboxRun run = run("""
                    import socket
                    for host, port in [("169.254.169.254", 80), ("1.1.1.1", 53), ("8.8.8.8", 443), ("10.0.0.1", 80),
                                       ("127.0.0.1", %d)]:
                        try:
                            socket.create_connection((host, port), timeout=2).close()
                            print("CONNECTED", host, port)
                        except OSError as e:
                            print("blocked", host)
                    """.formatted(hostService.getLocalPort()), "{}", Map.of(), 20_000);

            assertThat(run.stdout()).doesNotContain("CONNECTED");
            assertThat(run.stdout().lines()).hasSize(5);
        }
    }

    @Test
    void shouldOnlyWriteToThePrivateTmp() {
        SandboxRun run = run("""
                for path in ["/usr/evil", "/job/evil", "/opt/hookline/evil", "/evil", "/tmp/ok"]:
                    try:
                        open(path, "w").write("x")
                        print("wrote", path)
                    except OSError as e:
                        print("denied", path)
                """, "{}", Map.of(), 10_000);

        assertThat(run.stdout().lines()).containsExactly("denied /usr/evil", "denied /job/evil", "denied /opt/hookline/evil",
                "denied /evil", "wrote /tmp/ok");
    }

    private static SandboxRun run(String code, String data, Map<String, String> env, long timeoutMs) {
        return fixture.run(code, data, env, timeoutMs);
    }

    private static List<Long> processesWith(String marker) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.info().arguments().map(args -> List.of(args).contains(marker)).orElse(false))
                    .map(ProcessHandle::pid).toList();
        }
    }
}
