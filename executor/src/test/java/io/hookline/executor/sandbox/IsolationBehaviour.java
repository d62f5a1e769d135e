package io.hookline.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One team's job against the next job of another team in the same sandbox (a pool of one, so every job
 * of a test runs in the same warm sandbox one after the other): the attacks a security review ran over
 * the real platform, each contained, and the next job of either team still gets its own result.
 * Real python3 under real bwrap.
 */
abstract class IsolationBehaviour {

    private static SandboxFixture fixture;

    static void startSandbox(SandboxFixture.Mode mode, java.nio.file.Path workDir) {
        fixture = new SandboxFixture(mode, 1, workDir);
    }

    @AfterAll
    static void stopSandbox() {
        fixture.close();
    }

    @AfterEach
    void bothTeamsStillRun() {
        assertThat(run("print('team a')", Map.of()).stdout()).as("team A's next job").isEqualTo("team a\n");
        assertThat(run("print('team b')", Map.of()).stdout()).as("team B's next job").isEqualTo("team b\n");
    }

    @Test
    void shouldRunEveryJobAsTheUnprivilegedUidOfItsModeAsPidOneOfItsOwnNamespace() {
        SandboxRun run = run("import os\nprint(os.getuid(), os.getpid())", Map.of());

        assertThat(run.stdout()).as(run.stderr()).isEqualTo(fixture.jobUid + " 1\n");
    }

    @Test
    void shouldNotLetTheNextTeamFindASecretInItsOwnMemory() {
        for (int round = 0; round < 3; round++) {
            // given team A's job holding a secret in its variables, its data and its code, and printing one
            String inEnv = secret();
            String inData = secret();
            String inCode = secret();
            String inOutput = secret();
            SandboxRun teamA = fixture.run("""
                    import hookline, os
                    kept = [os.environ["TEAM_A_KEY"] * 2, hookline.data()["token"] * 2, "%s" * 2]
                    print(len(kept), "%s")
                    """.formatted(inCode, inOutput), "{\"token\": \"" + inData + "\"}", Map.of("TEAM_A_KEY", inEnv), 20_000);
            assertThat(teamA.stdout()).as(teamA.stderr()).isEqualTo("3 " + inOutput + "\n");

            // when team B's next job scans every readable page of its own process
            SandboxRun teamB = run(MEMORY_SCAN, Map.of());

            // then it finds its own planted secret but none of team A's
            assertThat(teamB.succeeded()).as(teamB.stderr()).isTrue();
            String own = teamB.stdout().lines().filter(l -> l.startsWith("OWN ")).findFirst().orElseThrow().substring(4);
            assertThat(teamB.stdout()).as("the scanner works").contains("FOUND " + own);
            assertThat(teamB.stdout()).doesNotContain(inEnv, inData, inCode, inOutput.substring("HLSECRET-".length()));
        }
    }

    @Test
    void shouldNotLetAJobReachTheControlChannelOrAnotherProcess() {
        // given team A's job attacking the sandbox's pipes and every process it can see
        SandboxRun attack = run(CONTROL_CHANNEL_ATTACK, Map.of());

        // then it reached nothing outside its own process tree
        assertThat(attack.stdout()).as(attack.stderr()).contains("visible");
        assertThat(attack.stdout()).doesNotContain("ATTACHED", "READ-MEM", "READ-ENVIRON", "LISTED-FD");

        // and team B's next job gets its own result, not an implanted or forged one
        SandboxRun victim = run("print('victim b')", Map.of());
        assertThat(victim.stdout()).isEqualTo("victim b\n");
        assertThat(victim.stdout()).doesNotContain("IMPLANT", "FORGED");
    }

    @Test
    void shouldNotLetAJobKillAnythingButItsOwnProcesses() {
        // given team A's job sending SIGKILL to every process it sees, then to all it may signal
        SandboxRun attack = run("""
                import os, signal
                me = os.getpid()
                pids = [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) != me]
                print("visible", pids, flush=True)
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
                try:
                    os.kill(-1, signal.SIGKILL)
                except OSError:
                    pass
                print("still here")
                """, Map.of());

        // then its own run ends normally, and the next jobs (checked after each test) still run
        assertThat(attack.stdout()).as(attack.stderr()).endsWith("still here\n");
        assertThat(attack.succeeded()).isTrue();
    }

    @Test
    void shouldNotLetAJobStashFilesForTheNextOneNorFillAMountBeyondItsLimit() {
        // given team A's job writing a marker into every writable place it finds, then filling /tmp and /dev/shm
        String marker = secret();
        SandboxRun stash = run(STASH.replace("@MARKER@", marker), Map.of());
        assertThat(stash.succeeded()).as(stash.stderr()).isTrue();
        assertThat(stash.stdout()).as("writes stop at the mount's size").contains("fill /tmp 28", "fill /dev/shm 28");
        List<Long> filled = stash.stdout().lines().filter(l -> l.startsWith("fill ")).map(l -> Long.parseLong(l.split(" ")[3])).toList();
        assertThat(filled).allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(64L * 1024 * 1024));

        // when team B's next job looks for the marker everywhere it can read
        SandboxRun search = run(STASH_SEARCH, Map.of());

        // then nothing of team A's job is left
        assertThat(search.succeeded()).as(search.stderr()).isTrue();
        assertThat(search.stdout()).contains("searched").doesNotContain(marker, ".hlstash", "hlfill");
    }

    @Test
    void shouldNotLetIpcObjectsOrADaemonsSocketsOutliveTheirJob() {
        // given team A's job leaving a SysV shared memory segment, a message queue and a daemon listening
        // on an abstract unix socket and a loopback port
        String marker = secret();
        SandboxRun plant = run(IPC_PLANT.replace("@MARKER@", marker), Map.of());
        assertThat(plant.stdout()).as(plant.stderr()).contains("planted shm", "planted queue", "daemon listening");

        // when team B's next job looks for each of them
        SandboxRun search = run(IPC_SEARCH, Map.of());

        // then none is there
        assertThat(search.stdout()).as(search.stderr()).contains("searched").doesNotContain(marker);
        assertThat(search.stdout().lines()).contains("no shm", "no queue", "no abstract socket", "no port");
    }

    private static SandboxRun run(String code, Map<String, String> env) {
        return fixture.run(code, "{}", env, 30_000);
    }

    private static String secret() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "HLSECRET-" + HexFormat.of().formatHex(bytes);
    }

    /** Scans every readable mapping of its own process for HLSECRET- followed by 32 hex digits; plants its own as a control. */
    private static final String MEMORY_SCAN = """
            import os, re
            prefix = "HLSECRET" + "-"
            own = prefix + os.urandom(16).hex()
            kept = [own * 2]
            print("OWN " + own, flush=True)
            pattern = re.compile(re.escape(prefix.encode()) + b"[0-9a-f]{32}")
            found, scanned = set(), 0
            with open("/proc/self/maps") as maps, open("/proc/self/mem", "rb", 0) as mem:
                for line in maps.read().splitlines():
                    fields = line.split()
                    start, end = (int(x, 16) for x in fields[0].split("-"))
                    if not fields[1].startswith("r") or line.endswith(("[vvar]", "[vsyscall]", "[vvar_vclock]")):
                        continue
                    try:
                        mem.seek(start)
                        chunk = mem.read(end - start)
                    except (OSError, OverflowError, ValueError):
                        continue
                    scanned += len(chunk)
                    found.update(m.group().decode() for m in pattern.finditer(chunk))
            print("scanned", scanned)
            for secret in sorted(found):
                print("FOUND " + secret)
            """;

    /**
     * Opens PID 1's pipes (the sandbox's request and result channel before the fix) to queue an implanted
     * job and a forged result, then reads the memory, environment and descriptors of, and ptraces, every
     * other process it sees.
     */
    private static final String CONTROL_CHANNEL_ATTACK = """
            import base64, ctypes, json, os
            libc = ctypes.CDLL(None, use_errno=True)
            me = os.getpid()
            implant = {"code": "print('IMPLANT')", "data": "{}", "env": {"PATH": "/usr/bin"}, "timeoutMs": 5000, "cap": 65536,
                       "limits": [0, 0, 0, 0, 0], "lib": "/opt/hookline", "socket": "-", "port": 0}
            forged = {"exitCode": 0, "stdout": base64.b64encode(b"FORGED" + bytes([10])).decode(), "stderr": "", "ending": "EXITED",
                      "error": None, "durationMs": 1}
            for path, flags, line in [("/proc/1/fd/0", os.O_WRONLY, implant), ("/proc/1/fd/1", os.O_WRONLY, forged),
                                      ("/proc/1/fd/0", os.O_RDONLY, None), ("/proc/1/fd/1", os.O_RDONLY, None)]:
                try:
                    fd = os.open(path, flags | os.O_NONBLOCK)
                    if line is not None:
                        os.write(fd, json.dumps(line).encode() + bytes([10]))
                    print("opened", path, flags)
                    os.close(fd)
                except OSError as e:
                    print("refused", path, flags, e.errno)
            pids = [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) != me]
            print("visible", pids)
            for pid in pids:
                for name, label in (("mem", "READ-MEM"), ("environ", "READ-ENVIRON")):
                    try:
                        with open("/proc/%d/%s" % (pid, name), "rb") as f:
                            f.read(64)
                        print(label, pid)
                    except OSError:
                        pass
                try:
                    os.listdir("/proc/%d/fd" % pid)
                    print("LISTED-FD", pid)
                except OSError:
                    pass
                if libc.ptrace(16, pid, 0, 0) == 0:  # PTRACE_ATTACH
                    print("ATTACHED", pid)
                    libc.ptrace(17, pid, 0, 0)
            print("done")
            """;

    private static final String STASH = """
            import os
            marker = "@MARKER@"
            wrote = []
            for place, dirs, files in os.walk("/"):
                dirs[:] = [d for d in dirs if os.path.join(place, d) not in ("/proc", "/sys")]
                try:
                    with open(os.path.join(place, ".hlstash"), "w") as f:
                        f.write(marker)
                    wrote.append(place)
                except OSError:
                    pass
            for device in os.listdir("/dev"):
                try:
                    with open(os.path.join("/dev", device), "w") as f:
                        f.write(marker)
                except OSError:
                    pass
            print("wrote", wrote)
            chunk = (marker * 65536).encode()[:1 << 20]
            for place in ("/tmp", "/dev/shm"):
                total, error = 0, None
                try:
                    while total < 80 * 1024 * 1024:  # stop past the limit: before the fix /dev/shm had none
                        with open("%s/hlfill%d" % (place, total), "wb") as f:
                            for _ in range(8):
                                total += os.write(f.fileno(), chunk)
                except OSError as e:
                    error = e.errno
                print("fill", place, error, total)
            """;

    private static final String STASH_SEARCH = """
            import os, stat
            hits = []
            for place, dirs, files in os.walk("/"):
                dirs[:] = [d for d in dirs if os.path.join(place, d) not in ("/proc", "/sys", "/usr")]
                for name in files:
                    path = os.path.join(place, name)
                    if name.startswith((".hlstash", "hlfill")):
                        hits.append(path)
                    try:
                        if stat.S_ISREG(os.lstat(path).st_mode):  # not /dev/stdout and the like: reading them blocks
                            with open(path, "rb") as f:
                                if b"HLSECRET-" in f.read(1 << 16):
                                    hits.append(path + " holds a marker")
                    except OSError:
                        pass
            print("searched", hits, os.listdir("/tmp"), os.listdir("/dev/shm"))
            """;

    private static final String IPC_PLANT = """
            import ctypes, os, select, socket
            libc = ctypes.CDLL(None, use_errno=True)
            libc.shmat.restype = ctypes.c_void_p
            marker = b"@MARKER@"
            shm = libc.shmget(0x484C, 4096, 0o1000 | 0o666)
            ctypes.memmove(libc.shmat(shm, None, 0), marker, len(marker))
            print("planted shm", shm)
            class Message(ctypes.Structure):
                _fields_ = [("mtype", ctypes.c_long), ("mtext", ctypes.c_char * 64)]
            queue = libc.msgget(0x484D, 0o1000 | 0o666)
            if libc.msgsnd(queue, ctypes.byref(Message(1, marker)), len(marker), 0o4000) == 0:
                print("planted queue", queue)
            ready_r, ready_w = os.pipe()
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    abstract = socket.socket(socket.AF_UNIX)
                    abstract.bind(chr(0) + "hookline-stash")
                    abstract.listen()
                    port = socket.socket()
                    port.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    port.bind(("127.0.0.1", 9099))
                    port.listen()
                    os.write(ready_w, b"y")
                    while True:
                        for server in select.select([abstract, port], [], [])[0]:
                            client, _ = server.accept()
                            client.sendall(marker)
                            client.close()
                os._exit(0)
            os.close(ready_w)
            if os.read(ready_r, 1) == b"y":
                print("daemon listening")
            """;

    private static final String IPC_SEARCH = """
            import ctypes, socket
            libc = ctypes.CDLL(None, use_errno=True)
            libc.shmat.restype = ctypes.c_void_p
            shm = libc.shmget(0x484C, 0, 0)
            print("shm", ctypes.string_at(libc.shmat(shm, None, 0), 64)) if shm >= 0 else print("no shm")
            class Message(ctypes.Structure):
                _fields_ = [("mtype", ctypes.c_long), ("mtext", ctypes.c_char * 64)]
            queue, message = libc.msgget(0x484D, 0), Message()
            if queue >= 0 and libc.msgrcv(queue, ctypes.byref(message), 64, 0, 0o4000) > 0:
                print("queue", message.mtext)
            else:
                print("no queue")
            for family, address, label in ((socket.AF_UNIX, chr(0) + "hookline-stash", "abstract socket"),
                                           (socket.AF_INET, ("127.0.0.1", 9099), "port")):
                try:
                    with socket.socket(family) as s:
                        s.settimeout(2)
                        s.connect(address)
                        print(label, s.recv(64))
                except OSError:
                    print("no " + label)
            print("searched")
            """;
}
