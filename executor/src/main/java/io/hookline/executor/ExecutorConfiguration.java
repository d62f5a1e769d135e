package io.hookline.executor;

import io.hookline.executor.kafka.ExecutorLoop;
import io.hookline.executor.kafka.ReplyPublisher;
import io.hookline.executor.run.DocKeyMinter;
import io.hookline.executor.run.RequestRunner;
import io.hookline.executor.sandbox.ProcessSandbox;
import io.hookline.executor.sandbox.Sandbox;
import io.hookline.executor.sandbox.ZygoteSandbox;
import io.hookline.executor.writeback.WriteBackProxy;
import io.hookline.kafka.SecretsKey;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Every bean of the executor: the sandbox, the write-back socket, and the consumer loop. Consumes the
 * application's {@link KafkaConnection}, {@link SecretCipher} and {@link SecretsKey}
 * (the doc keys are signed with a key derived from it; the gateway verifies them the same way).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExecutorProperties.class)
public class ExecutorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ExecutorConfiguration.class);

    @Bean
    ExecutorWorkDir executorWorkDir(ExecutorProperties properties) {
        checkSandbox(properties);
        try {
            Path dir = properties.workDir() != null ? Files.createDirectories(properties.workDir())
                    : Files.createTempDirectory("hookline-executor-");
            return new ExecutorWorkDir(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the executor's work directory", e);
        }
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService executorIoThreads() {
        return Executors.newCachedThreadPool(daemonThreads("hookline-executor-io-"));
    }

    @Bean
    WriteBackProxy executorWriteBackProxy(ExecutorWorkDir workDir, ExecutorProperties properties, ExecutorService executorIoThreads,
            Environment environment) {
        return new WriteBackProxy(workDir.dir().resolve("api").resolve("api.sock"),
                () -> ExecutorProperties.address(gatewayUrl(properties, environment)), executorIoThreads);
    }

    /** The warm pool when sandboxed (its zygotes start with the lifecycle, after the write-back socket), else a process per job. */
    @Bean
    Sandbox executorSandbox(ExecutorProperties properties, ExecutorWorkDir workDir, WriteBackProxy executorWriteBackProxy,
            ExecutorService executorIoThreads, Environment environment) {
        Path apiDir = executorWriteBackProxy.socket().getParent();
        if (properties.sandboxed() && properties.warmPool()) {
            return new ZygoteSandbox(properties, workDir.dir(), apiDir, executorIoThreads);
        }
        return new ProcessSandbox(properties, workDir.dir(), apiDir, executorIoThreads, () -> gatewayUrl(properties, environment));
    }

    /** The configured gateway, else this application's own web server (standalone), else localhost:8080. */
    static URI gatewayUrl(ExecutorProperties properties, Environment environment) {
        if (properties.gatewayUrl() != null) {
            return properties.gatewayUrl();
        }
        String localPort = environment.getProperty("local.server.port");
        return URI.create(localPort != null ? "http://127.0.0.1:" + localPort : "http://localhost:8080");
    }

    @Bean
    RequestRunner executorRequestRunner(Sandbox executorSandbox, SecretCipher cipher, SecretsKey secretsKey,
            ExecutorProperties properties, ObjectProvider<Clock> clock) {
        // the key decrypts environmentVariables (through the cipher) and signs each dataset's DEFINITE_API_KEY
        Clock time = clock.getIfUnique(Clock::systemUTC);
        return new RequestRunner(executorSandbox, cipher, new DocKeyMinter(secretsKey.base64(), time, properties.keyTtl()), time);
    }

    /** Fixed, never-expiring threads: bwrap's --die-with-parent follows the thread that spawned it. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService executorWorkers(ExecutorProperties properties) {
        return Executors.newFixedThreadPool(properties.poolSize(), daemonThreads("hookline-executor-worker-"));
    }

    @Bean
    ReplyPublisher executorReplies(KafkaConnection connection) {
        return new ReplyPublisher(connection);
    }

    @Bean
    ExecutorLoop executorLoop(KafkaConnection connection, RequestRunner executorRequestRunner, ExecutorService executorWorkers,
            ExecutorProperties properties, ReplyPublisher executorReplies) {
        return new ExecutorLoop(connection, executorRequestRunner, executorWorkers, properties.poolSize(), executorReplies);
    }

    static void checkSandbox(ExecutorProperties properties) {
        if (!properties.sandboxed()) {
            log.warn("*** hookline.executor.sandbox=none: datasets run WITHOUT ANY ISOLATION, with the executor's own "
                    + "user, network and files. Use this for development only. ***");
        } else if (!Files.isExecutable(properties.bwrapPath())) {
            throw new IllegalStateException("bubblewrap is not installed at " + properties.bwrapPath() + ": the executor refuses "
                    + "to run datasets unsandboxed. Install it (apt-get install bubblewrap), set hookline.executor.bwrap-path, "
                    + "or set hookline.executor.sandbox=none for development only.");
        }
        if (!Files.isExecutable(properties.pythonPath())) {
            throw new IllegalStateException("No Python interpreter at " + properties.pythonPath() + " (hookline.executor.python-path)");
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The executor's own directory (jobs, runner files, write-back socket). */
    record ExecutorWorkDir(Path dir) {
    }
}
