package io.hookline.executor.sandbox;

import io.hookline.executor.ExecutorProperties;
import io.hookline.executor.TestProperties;
import io.hookline.executor.writeback.WriteBackProxy;
import io.hookline.testsupport.TestReceiver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.util.unit.DataSize;

/** A real sandbox (warm pool or fresh per job) with its write-back channel to a test receiver standing in for the gateway. */
final class SandboxFixture implements AutoCloseable {

    /** Which sandbox, and how the executor launches bwrap. */
    enum Mode {
        /** A fresh bwrap per job; the executor drops to uid 65534 with setpriv when it is root. */
        FRESH,
        /** The warm pool, launched as the product does (setpriv to uid 65534 when root). */
        WARM,
        /**
         * The warm pool of an executor that is not root: no setpriv from the executor, so bwrap runs with the
         * executor's own uid. Emulated from a root test JVM by launching bwrap under setpriv as {@link #EXECUTOR_UID}.
         */
        WARM_NON_ROOT
    }

    /** The uid of the emulated non-root executor: not the sandbox uid of the other modes, so a test sees which mode ran. */
    static final int EXECUTOR_UID = 65533;

    final TestReceiver gateway;
    final Sandbox sandbox;
    /** The uid a job runs as in this mode. */
    final int jobUid;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final WriteBackProxy proxy;

    SandboxFixture(Mode mode, int poolSize, Path workDir) {
        gateway = TestReceiver.http();
        gateway.respondWith(201, "{\"success\":true,\"data\":{\"written\":1}}");
        ExecutorProperties properties = TestProperties.of("bwrap", "http://127.0.0.1:" + gateway.port(), DataSize.ofMegabytes(1), poolSize);
        proxy = new WriteBackProxy(workDir.resolve("api").resolve("api.sock"),
                () -> ExecutorProperties.address(properties.gatewayUrl()), threads);
        proxy.start();
        Path apiDir = proxy.socket().getParent();
        jobUid = mode == Mode.WARM_NON_ROOT ? EXECUTOR_UID : properties.uid();
        sandbox = switch (mode) {
            case FRESH -> new ProcessSandbox(properties, workDir, apiDir, threads, properties::gatewayUrl);
            case WARM -> started(new ZygoteSandbox(properties, workDir, apiDir, threads));
            case WARM_NON_ROOT -> started(new ZygoteSandbox(properties, new SandboxCommand(properties, List.of("/usr/bin/setpriv",
                    "--reuid=" + EXECUTOR_UID, "--regid=" + EXECUTOR_UID, "--clear-groups", "--"), properties::gatewayUrl),
                    workDir, apiDir, threads));
        };
    }

    private static ZygoteSandbox started(ZygoteSandbox zygotes) {
        zygotes.start();
        return zygotes;
    }

    SandboxRun run(String code, String data, Map<String, String> env, long timeoutMs) {
        return sandbox.run(new SandboxJob(code, data, env, timeoutMs));
    }

    @Override
    public void close() {
        if (sandbox instanceof ZygoteSandbox zygotes) {
            zygotes.close();
        }
        proxy.stop();
        gateway.close();
        threads.shutdownNow();
    }
}
