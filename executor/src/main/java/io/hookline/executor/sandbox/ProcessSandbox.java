package io.hookline.executor.sandbox;

import io.hookline.executor.ExecutorProperties;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.function.Supplier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fresh {@code bwrap} + {@code python3} per dataset (or a bare {@code python3} in {@code none} mode).
 * The dataset's variables travel in a 0600 file read and deleted by the runner, never on a command
 * line or in bwrap's own environment. At {@code timeoutMs} the outer bwrap is killed; its PID namespace
 * takes every descendant with it.
 */
public final class ProcessSandbox implements Sandbox {

    private static final Logger log = LoggerFactory.getLogger(ProcessSandbox.class);
    private static final File DEV_NULL = new File("/dev/null");
    private static final int MAX_ERROR_CHARS = 4000;

    private final ExecutorProperties properties;
    private final SandboxCommand command;
    private final Path jobsDir;
    private final Path libDir;
    private final Path apiDir;
    private final boolean chown;
    private final ExecutorService outputThreads;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param workDir a directory owned by the executor; jobs and the runner files go under it
     * @param apiDir the directory holding the write-back socket, bound read-only into every sandbox
     * @param outputThreads drains stdout/stderr (two tasks per run)
     * @param gateway the gateway URL, which unsandboxed datasets call directly
     */
    public ProcessSandbox(ExecutorProperties properties, Path workDir, Path apiDir, ExecutorService outputThreads,
            Supplier<URI> gateway) {
        this.properties = properties;
        boolean root = isRoot();
        this.command = new SandboxCommand(properties, root, gateway);
        this.chown = root && properties.sandboxed();
        this.apiDir = apiDir;
        this.outputThreads = outputThreads;
        try {
            this.jobsDir = Files.createDirectories(workDir.resolve("jobs"));
            this.libDir = RunnerFiles.extract(workDir.resolve("lib"));
            // the sandbox's uid must be able to reach its bind sources
            Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(jobsDir, PosixFilePermissions.fromString("rwx--x--x"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the executor's work directory " + workDir, e);
        }
    }

    /** The URL a dataset sees as {@code DEFINITE_API_BASE_URL}. */
    public String apiBaseUrl() {
        return command.apiBaseUrl();
    }

    @Override
    public SandboxRun run(SandboxJob job) {
        long start = System.nanoTime();
        JobFiles files = JobFiles.in(jobsDir.resolve(UUID.randomUUID().toString()));
        Process process;
        try {
            prepare(files, job);
            ProcessBuilder builder = new ProcessBuilder(command.command(files, libDir, apiDir, job.timeoutMs()))
                    .redirectInput(DEV_NULL);
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/bin:/bin");
            process = builder.start();
        } catch (IOException | UncheckedIOException e) {
            log.error("Cannot start a sandbox", e);
            delete(files.dir());
            return new SandboxRun(null, "", "", SandboxRun.Ending.FAILED_TO_START, null, elapsed(start));
        }
        try {
            return await(process, files, job, start);
        } finally {
            process.destroyForcibly();
            delete(files.dir());
        }
    }

    private SandboxRun await(Process process, JobFiles files, SandboxJob job, long start) {
        int cap = (int) properties.outputCap().toBytes();
        CappedOutput stdout = new CappedOutput(process.getInputStream(), cap, process::destroyForcibly);
        CappedOutput stderr = new CappedOutput(process.getErrorStream(), cap, process::destroyForcibly);
        Future<?> out = outputThreads.submit(stdout);
        Future<?> err = outputThreads.submit(stderr);
        boolean exited;
        try {
            exited = process.waitFor(job.timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            process.destroyForcibly();
        }
        Integer exitCode = waitForExit(process);
        finish(out, process.getInputStream());
        finish(err, process.getErrorStream());
        long duration = elapsed(start);
        SandboxRun.Ending ending = !exited ? SandboxRun.Ending.TIMED_OUT
                : stdout.overflowed() || stderr.overflowed() ? SandboxRun.Ending.OUTPUT_EXCEEDED
                : SandboxRun.Ending.EXITED;
        return new SandboxRun(exitCode, stdout.text(), stderr.text(), ending, readError(files), duration);
    }

    private void prepare(JobFiles files, SandboxJob job) throws IOException {
        Files.createDirectory(files.dir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectory(files.out(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        write(files.dataset(), job.code());
        write(files.data(), job.dataJson());
        Map<String, String> variables = new LinkedHashMap<>(job.environment());
        if (properties.sandboxed()) {
            // the sandbox's own variables win over the job's (which the executor refuses anyway)
            variables.put("PATH", "/usr/local/bin:/usr/bin:/bin");
            variables.put("HOME", "/tmp");
        }
        variables.put("WEBHOOK_DATA_FILE", command.dataFile(files));
        variables.put("DEFINITE_API_BASE_URL", command.apiBaseUrl());
        write(files.out().resolve("env.json"), json.writeValueAsString(variables));
        if (chown) {
            for (Path path : List.of(files.dir(), files.out(), files.dataset(), files.data(), files.out().resolve("env.json"))) {
                Files.setAttribute(path, "unix:uid", properties.uid());
                Files.setAttribute(path, "unix:gid", properties.gid());
            }
        }
    }

    private static void write(Path path, String text) throws IOException {
        Files.writeString(path, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    }

    private static Integer waitForExit(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    // The PID namespace ends every writer with bwrap; the bound wait only guards against the unexpected.
    private static void finish(Future<?> drain, InputStream stream) {
        try {
            drain.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }

    private static String readError(JobFiles files) {
        Path error = files.out().resolve("error");
        try {
            if (!Files.isRegularFile(error)) {
                return null;
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(error)) {
                bytes = in.readNBytes(MAX_ERROR_CHARS * 4);
            }
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : text.substring(0, Math.min(text.length(), MAX_ERROR_CHARS));
        } catch (IOException e) {
            return null;
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Cannot delete job directory {}: {}", dir, e.getMessage());
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
