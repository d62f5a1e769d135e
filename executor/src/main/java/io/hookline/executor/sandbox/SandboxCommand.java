package io.hookline.executor.sandbox;

import io.hookline.executor.ExecutorProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.function.Supplier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one dataset run. Under bwrap: no network namespace but loopback, read-only
 * {@code /usr} and nothing of {@code /etc} or {@code /root}, a read-only {@code /dev}, a private
 * size-limited {@code /tmp} and {@code /dev/shm}, its own PID namespace (so killing bwrap kills every
 * descendant, detached daemons included), no new user namespaces (the warm zygote alone may create one
 * per job, see {@code package-info}), and, when the executor is root, dropped to an unprivileged uid
 * first: bwrap started by root maps the sandbox to host root, which reads root-only files and ignores
 * RLIMIT_NPROC.
 */
final class SandboxCommand {

    /** Where things are inside the sandbox. */
    static final String JOB = "/job";
    static final String LIB = "/opt/hookline";
    static final String API_DIR = "/run/hookline";
    static final String API_SOCKET = "api.sock";
    /** The loopback port inside the sandbox's own network namespace that forwards to the write-back socket. */
    static final int API_PORT = 8080;

    private static final List<String> TOP_LEVEL = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    private final ExecutorProperties properties;
    private final List<String> launcher;
    private final Supplier<URI> gateway;

    SandboxCommand(ExecutorProperties properties, boolean root, Supplier<URI> gateway) {
        this(properties, root ? dropToUnprivileged(properties) : List.of(), gateway);
    }

    /** @param launcher what runs bwrap (empty: the executor itself, which must then be unprivileged) */
    SandboxCommand(ExecutorProperties properties, List<String> launcher, Supplier<URI> gateway) {
        this.properties = properties;
        this.launcher = List.copyOf(launcher);
        this.gateway = gateway;
    }

    private static List<String> dropToUnprivileged(ExecutorProperties properties) {
        return List.of(properties.setprivPath().toString(), "--reuid=" + properties.uid(), "--regid=" + properties.gid(),
                "--clear-groups", "--");
    }

    /** The URL datasets see as {@code DEFINITE_API_BASE_URL}. */
    String apiBaseUrl() {
        return properties.sandboxed() ? "http://127.0.0.1:" + API_PORT : gateway.get().toString().replaceAll("/+$", "");
    }

    /** Where the dataset finds its data file. */
    String dataFile(JobFiles files) {
        return properties.sandboxed() ? JOB + "/data.json" : files.data().toString();
    }

    List<String> command(JobFiles files, Path libDir, Path apiDir, long timeoutMs) {
        return properties.sandboxed() ? bwrap(files, libDir, apiDir, timeoutMs) : unsandboxed(files, libDir, timeoutMs);
    }

    private List<String> bwrap(JobFiles files, Path libDir, Path apiDir, long timeoutMs) {
        List<String> command = sandbox(libDir, apiDir, false, List.of(
                // a warm job mounts its own; here the sandbox is the job's alone
                "--size", Long.toString(tmpfsBytes()), "--tmpfs", "/dev/shm",
                "--ro-bind", files.dataset().toString(), JOB + "/dataset.py",
                "--ro-bind", files.data().toString(), JOB + "/data.json",
                "--bind", files.out().toString(), JOB + "/out"));
        command.addAll(List.of(LIB + "/runner.py",
                JOB + "/dataset.py", LIB, JOB + "/out/error", JOB + "/out/env.json",
                API_DIR + "/" + API_SOCKET, Integer.toString(API_PORT)));
        command.addAll(limits(timeoutMs));
        return command;
    }

    /**
     * A warm sandbox: the same isolation, running the zygote that clones one process per job. It may create
     * user namespaces (one per job, for the job's own mount, IPC and PID namespaces); the job's seccomp
     * filter forbids any further one.
     */
    List<String> zygote(Path libDir, Path apiDir) {
        List<String> command = sandbox(libDir, apiDir, true, List.of());
        command.addAll(List.of(LIB + "/zygote.py", Long.toString(tmpfsBytes()), Long.toString(tmpfsBytes())));
        return command;
    }

    /** The size of every writable tmpfs of a job ({@code /tmp}, {@code /dev/shm}). */
    private long tmpfsBytes() {
        return properties.fileSizeLimit().toBytes();
    }

    /** What a job sends a zygote as its limits: RLIMIT_AS, NPROC, FSIZE, CPU, NOFILE. */
    List<Long> limitValues(long timeoutMs) {
        return limits(timeoutMs).stream().map(Long::parseLong).toList();
    }

    private List<String> sandbox(Path libDir, Path apiDir, boolean warm, List<String> jobBinds) {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(properties.bwrapPath().toString(), "--unshare-all", "--unshare-user"));
        if (!warm) {
            // the dataset is PID 1: no bwrap init beside it whose memory, environment or pipes it could open
            command.addAll(List.of("--disable-userns", "--as-pid-1"));
        }
        command.addAll(List.of("--die-with-parent", "--new-session", "--ro-bind", "/usr", "/usr"));
        for (String dir : TOP_LEVEL) {
            systemDir(command, dir);
        }
        command.addAll(List.of(
                // bwrap's /dev is a tmpfs of half the host's RAM: read-only, it is no stash and no way to exhaust memory
                "--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev",
                "--size", Long.toString(tmpfsBytes()), "--tmpfs", "/tmp"));
        command.addAll(jobBinds);
        command.addAll(List.of(
                "--ro-bind", libDir.toString(), LIB,
                "--ro-bind", apiDir.toString(), API_DIR,
                // the root bwrap builds is a writable tmpfs: freeze it once everything is mounted
                "--remount-ro", "/",
                "--clearenv", "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin", "--setenv", "HOME", "/tmp",
                "--setenv", "LC_ALL", "C.UTF-8",
                "--chdir", "/tmp",
                properties.pythonPath().toString(), "-I", "-B"));
        return command;
    }

    private List<String> unsandboxed(JobFiles files, Path libDir, long timeoutMs) {
        List<String> command = new ArrayList<>(List.of(properties.pythonPath().toString(), "-I", "-B",
                libDir.resolve("runner.py").toString(), files.dataset().toString(), libDir.toString(),
                files.out().resolve("error").toString(), files.out().resolve("env.json").toString(), "-", "0"));
        command.addAll(limits(timeoutMs));
        return command;
    }

    /** RLIMIT_AS, NPROC, FSIZE, CPU (whole seconds, a backstop behind the wall-clock kill) and NOFILE. */
    private List<String> limits(long timeoutMs) {
        long cpuSeconds = Math.max(1, (timeoutMs + 999) / 1000 + 1);
        return List.of(Long.toString(properties.memoryLimit().toBytes()), Integer.toString(properties.processLimit()),
                Long.toString(properties.fileSizeLimit().toBytes()), Long.toString(cpuSeconds),
                Integer.toString(properties.openFilesLimit()));
    }

    // Merged-/usr systems have /lib etc. as symlinks into /usr; others have real directories.
    private static void systemDir(List<String> command, String dir) {
        Path path = Path.of(dir);
        try {
            if (Files.isSymbolicLink(path)) {
                command.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), dir));
            } else if (Files.isDirectory(path)) {
                command.addAll(List.of("--ro-bind", dir, dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
