package io.hookline.executor;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The executor's settings ({@code hookline.executor.*}).
 *
 * @param sandbox {@code bwrap} (default) or {@code none} (development only: no isolation at all)
 * @param bwrapPath the bubblewrap binary
 * @param setprivPath used to drop to {@code uid}/{@code gid} before bwrap when the executor runs as root
 * @param pythonPath the interpreter run in the sandbox (a real binary, not a pyenv shim)
 * @param poolSize how many requests run at once
 * @param uid the unprivileged uid datasets run as (bwrap launched as root would map the sandbox to host root)
 * @param gid the unprivileged gid datasets run as
 * @param outputCap stdout and stderr are each capped at this; a dataset writing more is killed
 * @param memoryLimit RLIMIT_AS of the dataset's process
 * @param processLimit RLIMIT_NPROC of the dataset's uid
 * @param fileSizeLimit RLIMIT_FSIZE, and the size of each job's private {@code /tmp} and {@code /dev/shm}
 * @param openFilesLimit RLIMIT_NOFILE
 * @param gatewayUrl where the write-back channel leads ({@code http://host:port}); the only address a dataset
 *     reaches. Default: the web server of the same application when there is one (standalone), else
 *     {@code http://localhost:8080}
 * @param keyTtl how long a dataset's {@code DEFINITE_API_KEY} stays valid after its run starts
 * @param workDir where job directories and the write-back socket live (default: a fresh temp directory)
 * @param warmPool keep {@code pool-size} sandboxed Python zygotes warm and fork one child per job
 *     (about 3 ms instead of about 46 ms per dataset); false starts a fresh sandbox per dataset
 */
@ConfigurationProperties("hookline.executor")
public record ExecutorProperties(
        @DefaultValue("bwrap") String sandbox,
        @DefaultValue("/usr/bin/bwrap") Path bwrapPath,
        @DefaultValue("/usr/bin/setpriv") Path setprivPath,
        @DefaultValue("/usr/bin/python3") Path pythonPath,
        @DefaultValue("4") int poolSize,
        @DefaultValue("65534") int uid,
        @DefaultValue("65534") int gid,
        @DefaultValue("1MB") DataSize outputCap,
        @DefaultValue("512MB") DataSize memoryLimit,
        @DefaultValue("64") int processLimit,
        @DefaultValue("64MB") DataSize fileSizeLimit,
        @DefaultValue("256") int openFilesLimit,
        URI gatewayUrl,
        @DefaultValue("15m") Duration keyTtl,
        Path workDir,
        @DefaultValue("true") boolean warmPool) {

    public ExecutorProperties {
        if (!sandbox.equals("bwrap") && !sandbox.equals("none")) {
            throw new IllegalArgumentException("hookline.executor.sandbox must be 'bwrap' or 'none', got '" + sandbox + "'");
        }
        if (poolSize < 1 || poolSize > 256) {
            throw new IllegalArgumentException("hookline.executor.pool-size must be from 1 to 256, got " + poolSize);
        }
        if (uid <= 0 || gid <= 0) {
            throw new IllegalArgumentException("hookline.executor.uid and gid must be unprivileged (> 0)");
        }
        if (outputCap.toBytes() < 1024 || outputCap.toBytes() > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("hookline.executor.output-cap must be from 1KB to 64MB, got " + outputCap);
        }
        if (processLimit < 4) {
            throw new IllegalArgumentException("hookline.executor.process-limit must be at least 4, got " + processLimit);
        }
        if (gatewayUrl != null && (!"http".equals(gatewayUrl.getScheme()) || gatewayUrl.getHost() == null)) {
            throw new IllegalArgumentException("hookline.executor.gateway-url must be http://host[:port], got " + gatewayUrl);
        }
        if (keyTtl.isNegative() || keyTtl.isZero()) {
            throw new IllegalArgumentException("hookline.executor.key-ttl must be positive");
        }
    }

    public boolean sandboxed() {
        return sandbox.equals("bwrap");
    }

    /** Host and port of an {@code http://} URL. */
    public static java.net.InetSocketAddress address(URI url) {
        return java.net.InetSocketAddress.createUnresolved(url.getHost(), url.getPort() > 0 ? url.getPort() : 80);
    }
}
