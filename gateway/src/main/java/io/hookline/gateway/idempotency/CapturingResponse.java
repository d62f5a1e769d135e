package io.hookline.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import io.hookline.gateway.web.DataBuffers;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A response that hands its status and whole body to {@code onComplete} before sending them, so
 * that the first response to an idempotent request is stored before the client can see it (and
 * retry). The API's bodies are small JSON envelopes, so holding one in memory is fine.
 */
final class CapturingResponse extends ServerHttpResponseDecorator {

    private final BiFunction<HttpStatusCode, String, Mono<Void>> onComplete;
    private boolean captured;

    CapturingResponse(ServerHttpResponse delegate, BiFunction<HttpStatusCode, String, Mono<Void>> onComplete) {
        super(delegate);
        this.onComplete = onComplete;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        return DataBufferUtils.join(Flux.from(body))
                .map(DataBuffers::drain)
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> capture(new String(bytes, StandardCharsets.UTF_8))
                        .then(Mono.defer(() -> getDelegate().writeWith(Mono.just(bufferFactory().wrap(bytes))))));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        return writeWith(Flux.from(body).flatMapSequential(Flux::from));
    }

    @Override
    public Mono<Void> setComplete() {
        return capture("").then(Mono.defer(getDelegate()::setComplete));
    }

    private Mono<Void> capture(String body) {
        if (captured) {
            return Mono.empty();
        }
        captured = true;
        HttpStatusCode status = getStatusCode();
        return onComplete.apply(status == null ? HttpStatusCode.valueOf(200) : status, body);
    }
}
