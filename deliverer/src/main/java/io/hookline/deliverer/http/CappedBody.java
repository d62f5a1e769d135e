package io.hookline.deliverer.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;

/** Reads a response body up to 64 KiB (what API.md stores); the rest is never read. */
final class CappedBody {

    static final int MAX_BYTES = 64 * 1024;

    private CappedBody() {
    }

    static Mono<String> read(ByteBufFlux content) {
        return Mono.defer(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            return content.asByteArray()
                    .takeUntil(chunk -> {
                        kept.write(chunk, 0, Math.min(chunk.length, MAX_BYTES - kept.size()));
                        return kept.size() >= MAX_BYTES;
                    })
                    .then(Mono.fromSupplier(() -> kept.toString(StandardCharsets.UTF_8)));
        });
    }
}
