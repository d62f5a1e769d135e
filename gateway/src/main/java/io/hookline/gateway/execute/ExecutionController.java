package io.hookline.gateway.execute;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Envelope;
import io.hookline.schemas.avro.Execution;
import java.time.Duration;
import reactor.core.scheduler.Schedulers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v4/executions/{executionId}}, from the gateway's index of the execution log. The log
 * record is written just before the reply, so a miss is retried briefly: a client that asks right
 * after its execute call must find it.
 */
@RestController
public class ExecutionController {

    static final Duration MISS_WAIT = Duration.ofSeconds(3);
    private static final Duration MISS_POLL = Duration.ofMillis(50);

    private final ExecutionLog executions;

    public ExecutionController(ExecutionLog executions) {
        this.executions = executions;
    }

    @GetMapping("/v4/executions/{executionId}")
    public Mono<Envelope.Success<ExecutionJson>> get(ServerWebExchange exchange, @PathVariable String executionId) {
        Caller caller = Caller.of(exchange);
        return Mono.fromCallable(() -> executions.find(caller.teamId(), executionId))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty)
                .repeatWhenEmpty(repeats -> repeats.delayElements(MISS_POLL).take(MISS_WAIT.toMillis() / MISS_POLL.toMillis()))
                .switchIfEmpty(Mono.error(ApiException::notFound))
                .map(execution -> Envelope.of(ExecutionJson.from(execution)));
    }
}
