package io.hookline.gateway.idempotency;

import io.hookline.gateway.kafka.CaughtUp;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.schemas.avro.IdempotentResponse;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/** The {@code hookline.idempotency} topic (key {@code team|key}) and this gateway's view of it. */
final class TopicIdempotencyLog implements IdempotencyLog {

    private final TopicView<IdempotentResponse> view;
    private final GatewayPublisher publisher;
    private final Duration writeTimeout;

    TopicIdempotencyLog(TopicView<IdempotentResponse> view, GatewayPublisher publisher, Duration writeTimeout) {
        this.view = view;
        this.publisher = publisher;
        this.writeTimeout = writeTimeout;
    }

    @Override
    public Mono<Void> ready() {
        return CaughtUp.within(view.caughtUp(), writeTimeout, "idempotency view not caught up");
    }

    @Override
    public Optional<IdempotentResponse> get(String storeKey) {
        return view.get(storeKey);
    }

    @Override
    public Mono<Void> append(IdempotentResponse entry) {
        return publisher.send(Topics.IDEMPOTENCY, null, IdempotencyStore.storeKey(entry.getTeamId(), entry.getKey()), entry)
                .flatMap(metadata -> Mono.fromFuture(() -> view.awaitOffset(metadata.partition(), metadata.offset(), writeTimeout)))
                .onErrorMap(TimeoutException.class, e -> new KafkaUnavailableException(
                        "the idempotency entry was written but the view did not show it within " + writeTimeout, e));
    }
}
