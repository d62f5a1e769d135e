package io.hookline.executor.writeback;

import io.hookline.kafka.LifecyclePhases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The sandbox's only way out: a Unix socket (bound read-only into every sandbox, which has no IP
 * network) whose connections are piped, byte for byte, to the gateway's HTTP port and nowhere else.
 * The gateway authenticates every request by the dataset's short-lived, team-scoped key.
 */
public final class WriteBackProxy implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WriteBackProxy.class);

    private final Path socket;
    private final Supplier<InetSocketAddress> gateway;
    private final ExecutorService threads;
    private volatile ServerSocketChannel server;
    private volatile boolean running;

    /** @param gateway where connections go, asked per connection (a standalone's port is known only once its server runs) */
    public WriteBackProxy(Path socket, Supplier<InetSocketAddress> gateway, ExecutorService threads) {
        this.socket = socket;
        this.gateway = gateway;
        this.threads = threads;
    }

    public Path socket() {
        return socket;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        try {
            Files.createDirectories(socket.getParent());
            Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.deleteIfExists(socket);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            // the sandbox's unprivileged uid must be allowed to connect
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the write-back socket " + socket, e);
        }
        running = true;
        Thread acceptor = new Thread(this::accept, "hookline-executor-writeback");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (running) {
            try {
                SocketChannel client = server.accept();
                threads.execute(() -> connect(client));
            } catch (IOException e) {
                if (running) {
                    log.warn("Write-back socket accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void connect(SocketChannel client) {
        SocketChannel upstream;
        InetSocketAddress target = gateway.get();
        try {
            upstream = SocketChannel.open(new InetSocketAddress(target.getHostString(), target.getPort()));
        } catch (IOException e) {
            log.warn("Write-back cannot reach the gateway at {}: {}", target, e.getMessage());
            close(client);
            return;
        }
        AtomicInteger open = new AtomicInteger(2);
        threads.execute(() -> pump(upstream, client, open));
        pump(client, upstream, open);
    }

    /** Copies one direction; the second direction to finish closes both channels. */
    private static void pump(SocketChannel from, SocketChannel to, AtomicInteger open) {
        ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            close(from);
            close(to);
        }
        if (open.decrementAndGet() == 0) {
            close(from);
            close(to);
        }
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        try {
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.warn("Cannot close the write-back socket: {}", e.getMessage());
        }
    }

    /** Before the consumer loop, so the socket exists before any sandbox binds its directory. */
    @Override
    public int getPhase() {
        return LifecyclePhases.SANDBOX_SOCKET;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
