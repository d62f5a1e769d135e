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
 * {@code /usr} and nothing of {@code /etc} or {@code /root}, a private size-limited {@code /tmp}, its
 * own PID namespace (so killing bwrap kills every descendant, detached daemons included), no new user
 * namespaces, and, when the executor is root, dropped to an unprivileged uid first: bwrap started
 * by root maps the sandbox to host root, which reads root-only files and ignores RLIMIT_NPROC.
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
    private final boolean root;
    private final Supplier<URI> gateway;

    SandboxCommand(ExecutorProperties properties, boolean root, Supplier<URI> gateway) {
        this.properties = properties;
        this.root = root;
        this.gateway = gateway;
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
        List<String> command = sandbox(libDir, apiDir, List.of(
                "--ro-bind", files.dataset().toString(), JOB + "/dataset.py",
                "--ro-bind", files.data().toString(), JOB + "/data.json",
                "--bind", files.out().toString(), JOB + "/out"));
        command.addAll(List.of(LIB + "/runner.py",
                JOB + "/dataset.py", LIB, JOB + "/out/error", JOB + "/out/env.json",
                API_DIR + "/" + API_SOCKET, Integer.toString(API_PORT)));
        command.addAll(limits(timeoutMs));
        return command;
    }

    /** A warm sandbox: the same isolation, running the zygote that forks one child per job. */
    List<String> zygote(Path libDir, Path apiDir) {
        List<String> command = sandbox(libDir, apiDir, List.of());
        command.add(LIB + "/zygote.py");
        return command;
    }

    /** What a job sends a zygote as its limits: RLIMIT_AS, NPROC, FSIZE, CPU, NOFILE. */
    List<Long> limitValues(long timeoutMs) {
        return limits(timeoutMs).stream().map(Long::parseLong).toList();
    }

    private List<String> sandbox(Path libDir, Path apiDir, List<String> jobBinds) {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of(properties.setprivPath().toString(), "--reuid=" + properties.uid(), "--regid=" + properties.gid(),
                    "--clear-groups", "--"));
        }
        command.addAll(List.of(properties.bwrapPath().toString(),
                "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
                "--ro-bind", "/usr", "/usr"));
        for (String dir : TOP_LEVEL) {
            systemDir(command, dir);
        }
        command.addAll(List.of(
                "--proc", "/proc", "--dev", "/dev",
                "--size", Long.toString(properties.fileSizeLimit().toBytes()), "--tmpfs", "/tmp"));
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
