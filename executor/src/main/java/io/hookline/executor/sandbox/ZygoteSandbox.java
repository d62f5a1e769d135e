package io.hookline.executor.sandbox;

import io.hookline.executor.ExecutorProperties;
import io.hookline.kafka.LifecyclePhases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * The warm pool: one long-lived bwrap sandbox per slot, each running a Python zygote that clones a
 * fresh process per job (a few ms instead of about 46 ms for a new interpreter). The zygote never reads
 * a job: each job is cloned into user, mount, IPC and PID namespaces of its own and reads its request
 * line itself; the zygote only relays its output (see {@code package-info} for the threat model). A
 * zygote that misbehaves or misses its deadline is killed whole and replaced.
 *
 * <p>Zygotes are started from one dedicated thread that lives as long as the pool: bwrap's
 * {@code --die-with-parent} follows the thread that spawned it.
 */
public final class ZygoteSandbox implements Sandbox, AutoCloseable, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ZygoteSandbox.class);
    private static final long BACKSTOP_MS = 5_000;
    private static final long START_TIMEOUT_MS = 15_000;

    private final ExecutorProperties properties;
    private final SandboxCommand command;
    private final Path libDir;
    private final Path apiDir;
    private final ExecutorService ioThreads;
    private final ExecutorService launcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hookline-executor-zygote-launcher");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Zygote> idle;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile boolean running;

    public ZygoteSandbox(ExecutorProperties properties, Path workDir, Path apiDir, ExecutorService ioThreads) {
        this(properties, new SandboxCommand(properties, ProcessSandbox.isRoot(), properties::gatewayUrl), workDir, apiDir, ioThreads);
    }

    ZygoteSandbox(ExecutorProperties properties, SandboxCommand command, Path workDir, Path apiDir, ExecutorService ioThreads) {
        this.properties = properties;
        this.command = command;
        this.apiDir = apiDir;
        this.ioThreads = ioThreads;
        this.idle = new ArrayBlockingQueue<>(properties.poolSize());
        try {
            this.libDir = RunnerFiles.extract(workDir.resolve("lib"));
            Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx--x--x"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the executor's work directory " + workDir, e);
        }
    }

    /** Starts the pool's zygotes (the write-back socket's directory must exist by now). */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        for (int i = 0; i < properties.poolSize(); i++) {
            idle.add(spawn());
        }
        running = true;
        log.info("Warm pool of {} sandboxed zygotes ready", properties.poolSize());
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the write-back socket (its directory is bound into each zygote), before the consumer loop. */
    @Override
    public int getPhase() {
        return LifecyclePhases.SANDBOX_POOL;
    }

    @Override
    public SandboxRun run(SandboxJob job) {
        Zygote zygote;
        try {
            zygote = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SandboxRun(null, "", "", SandboxRun.Ending.FAILED_TO_START, null, 0);
        }
        long start = System.nanoTime();
        try {
            return zygote.run(request(job), job.timeoutMs() + BACKSTOP_MS);
        } catch (IOException | TimeoutException | ExecutionException | RuntimeException e) {
            log.warn("A zygote failed ({}); replacing it", e.toString());
            zygote.process.destroyForcibly();
            zygote = null;
            boolean timedOut = e instanceof TimeoutException;
            return new SandboxRun(timedOut ? 137 : null, "", "", timedOut ? SandboxRun.Ending.TIMED_OUT : SandboxRun.Ending.FAILED_TO_START,
                    null, (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            zygote.process.destroyForcibly();
            zygote = null;
            return new SandboxRun(null, "", "", SandboxRun.Ending.FAILED_TO_START, null, 0);
        } finally {
            giveBack(zygote);
        }
    }

    private void giveBack(Zygote zygote) {
        if (!running) {
            if (zygote != null) {
                zygote.process.destroyForcibly();
            }
            return;
        }
        if (zygote != null && zygote.process.isAlive()) {
            idle.add(zygote);
            return;
        }
        try {
            idle.add(spawn());
        } catch (RuntimeException e) {
            // the pool runs one short; the next failure to replace is logged again
            log.error("Cannot start a replacement zygote; the warm pool has one sandbox less", e);
        }
    }

    private byte[] request(SandboxJob job) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LC_ALL", "C.UTF-8");
        env.putAll(job.environment());
        // the sandbox's own variables win over the job's (which the executor refuses anyway)
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", "/tmp");
        env.put("PWD", "/tmp");
        env.put("WEBHOOK_DATA_FILE", "/tmp/job/data.json");
        env.put("DEFINITE_API_BASE_URL", command.apiBaseUrl());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("code", job.code());
        request.put("data", job.dataJson());
        request.put("env", env);
        request.put("timeoutMs", job.timeoutMs());
        request.put("cap", properties.outputCap().toBytes());
        request.put("limits", command.limitValues(job.timeoutMs()));
        request.put("lib", SandboxCommand.LIB);
        request.put("socket", SandboxCommand.API_DIR + "/" + SandboxCommand.API_SOCKET);
        request.put("port", SandboxCommand.API_PORT);
        byte[] line = json.writeValueAsBytes(request);
        byte[] withNewline = java.util.Arrays.copyOf(line, line.length + 1);
        withNewline[line.length] = '\n';
        return withNewline;
    }

    private Zygote spawn() {
        try {
            return launcher.submit(() -> {
                Process process = new ProcessBuilder(command.zygote(libDir, apiDir))
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                Zygote zygote = new Zygote(process, ioThreads, properties.outputCap().toBytes(), json);
                String ready = zygote.awaitReady(START_TIMEOUT_MS);
                if (ready == null || !ready.contains("ready")) {
                    process.destroyForcibly();
                    throw new IllegalStateException("The zygote did not start: " + ready);
                }
                return zygote;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting a zygote", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot start a sandboxed zygote: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        List<Zygote> all = new java.util.ArrayList<>();
        idle.drainTo(all);
        all.forEach(z -> z.process.destroyForcibly());
        launcher.shutdownNow();
    }
}
