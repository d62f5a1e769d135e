package io.hookline.gateway.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;

/** Request and response bodies as bytes, with the request size limit enforced while reading. */
public final class DataBuffers {

    private DataBuffers() {
    }

    /**
     * The request's whole body (empty when it has none); a body over {@code limit}, declared or read,
     * fails with {@code 413 payload_too_large} before it is buffered whole.
     */
    public static Mono<byte[]> body(ServerHttpRequest request, DataSize limit) {
        if (request.getHeaders().getContentLength() > limit.toBytes()) {
            return Mono.error(tooLarge(limit));
        }
        return DataBufferUtils.join(request.getBody(), (int) limit.toBytes())
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge(limit))
                .map(DataBuffers::drain)
                .defaultIfEmpty(new byte[0]);
    }

    /** The buffer's readable bytes; the buffer is released. */
    public static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static ApiException tooLarge(DataSize limit) {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of " + limit.toBytes() + " bytes.");
    }
}
