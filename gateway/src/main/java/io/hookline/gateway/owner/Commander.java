package io.hookline.gateway.owner;

import io.hookline.gateway.kafka.CaughtUp;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * The asking side of one {@link OwnedKind}: sends a command to its partition, waits for the owner's outcome
 * and then for this instance's view to have read what the owner wrote, so the caller, and any later
 * request here, sees the change. A refusal comes back as the API's {@code 404} ({@code NOT_FOUND}) or
 * {@code 409} ({@code CONFLICT}, with the owner's message); no outcome within the write timeout is a
 * {@code 503} (the command may still be applied later).
 */
public final class Commander<C, S, O> {

    private final OwnedKind<C, S, O> kind;
    private final TopicView<S> view;
    private final GatewayPublisher publisher;
    private final Outcomes<O> outcomes;
    private final Duration writeTimeout;

    public Commander(OwnedKind<C, S, O> kind, TopicView<S> view, GatewayPublisher publisher, Outcomes<O> outcomes, Duration writeTimeout) {
        this.kind = kind;
        this.view = view;
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.writeTimeout = writeTimeout;
    }

    /** Completes once the view has read what the state topic held at start-up and the outcomes reader is positioned. */
    public Mono<Void> ready() {
        return CaughtUp.within(CompletableFuture.allOf(view.caughtUp(), outcomes.ready()), writeTimeout, kind.name() + "s view not caught up");
    }

    /** Asks the owner to apply the command; completes with what it did once this instance's view shows it. */
    public Mono<Reply<S>> ask(C command) {
        return ask(command, writeTimeout);
    }

    /** As {@link #ask(Object)}, waiting up to this long (a start-up write, whose owner may be joining its group still). */
    public Mono<Reply<S>> ask(C command, Duration timeout) {
        String commandId = kind.commandId(command);
        return ready().then(Mono.defer(() -> {
            CompletableFuture<O> outcome = outcomes.expect(commandId);
            return publisher.send(kind.commands(), kind.partition(command), kind.key(command), command)
                    .then(Mono.fromFuture(outcome, true))
                    .map(kind::reply)
                    .flatMap(this::shown)
                    .timeout(timeout, Mono.error(() -> new KafkaUnavailableException(
                            "the change to " + kind.name() + " " + kind.key(command) + " was not applied and shown within " + timeout)))
                    .doFinally(signal -> outcomes.forget(commandId));
        }));
    }

    private Mono<Reply<S>> shown(Reply<S> reply) {
        return switch (reply.result()) {
            case APPLIED -> Mono.fromFuture(() -> view.awaitOffset(reply.partition(), reply.offset(), writeTimeout)).thenReturn(reply);
            case UNCHANGED -> Mono.just(reply);
            case NOT_FOUND -> Mono.error(ApiException.notFound());
            case CONFLICT -> Mono.error(new ApiException(ErrorCode.CONFLICT, reply.message()));
        };
    }
}
