package io.hookline.gateway.execute;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.doc.Docs;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.gateway.web.Problems;
import io.hookline.schemas.avro.Dataset;
import io.hookline.schemas.avro.Doc;
import io.hookline.schemas.avro.ExecuteRequest;
import io.hookline.schemas.avro.ExecuteResult;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v4/webhook/docs/{doc_id}/execute}: checks the body and the doc, publishes an execute
 * request (variables encrypted) and answers with the executor's reply, correlated by a fresh id.
 * The wait is the sum of the selected datasets' timeouts plus a margin for queueing and start-up.
 */
@RestController
public class ExecuteController {

    private static final Logger log = LoggerFactory.getLogger(ExecuteController.class);
    static final Duration REPLY_MARGIN = Duration.ofSeconds(30);
    static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

    private final Docs docs;
    private final ExecuteReplies replies;
    private final GatewayPublisher publisher;
    private final SecretCipher cipher;
    private final JsonBodyReader bodies;
    private final JsonMapper mapper;
    private final Clock clock;

    public ExecuteController(Docs docs, ExecuteReplies replies, GatewayPublisher publisher, SecretCipher cipher, JsonBodyReader bodies,
            JsonMapper mapper, Clock clock) {
        this.docs = docs;
        this.replies = replies;
        this.publisher = publisher;
        this.cipher = cipher;
        this.bodies = bodies;
        this.mapper = mapper;
        this.clock = clock;
    }

    @PostMapping("/v4/webhook/docs/{docId}/execute")
    public Mono<Envelope.Success<ExecuteJson>> execute(ServerWebExchange exchange, @PathVariable String docId) {
        Caller caller = Caller.of(exchange);
        return bodies.read(exchange)
                .map(body -> ExecuteBody.parse(body, mapper))
                .flatMap(body -> docs.ready().then(Mono.fromCallable(() -> runnable(caller, docId)))
                        .flatMap(doc -> run(doc, body)))
                .map(result -> Envelope.of(ExecuteJson.from(result)));
    }

    private Doc runnable(Caller caller, String docId) {
        return docs.find(caller.teamId(), docId).filter(doc -> !doc.getArchived()).orElseThrow(ApiException::notFound);
    }

    private Mono<ExecuteResult> run(Doc doc, ExecuteBody body) {
        List<Dataset> datasets = select(doc, body);
        Duration wait = REPLY_MARGIN.plusMillis(datasets.stream().mapToLong(Dataset::getTimeoutMs).sum());
        Instant now = clock.instant();
        Map<String, String> sealed = new HashMap<>();
        body.environmentVariables().forEach((name, value) -> sealed.put(name, cipher.encrypt(value)));
        String correlationId = UUID.randomUUID().toString();
        ExecuteRequest request = new ExecuteRequest(correlationId, doc.getId(), doc.getTeamId(), datasets, body.dataJson(), sealed,
                now, now.plus(wait));
        CompletableFuture<ExecuteResult> reply = replies.expect(correlationId);
        return Mono.fromFuture(replies::ready)
                .timeout(READY_TIMEOUT, Mono.error(() -> new KafkaUnavailableException("execute results not assigned yet")))
                .onErrorMap(e -> !(e instanceof KafkaUnavailableException), e -> new KafkaUnavailableException("execute results failed", e))
                .then(publisher.send(Topics.EXECUTE_REQUESTS, null, doc.getId(), request))
                .doOnError(e -> reply.cancel(false))
                .then(Mono.fromFuture(reply))
                .timeout(wait, Mono.defer(() -> {
                    reply.cancel(false);
                    log.warn("No executor answered request {} for doc {} within {}", correlationId, doc.getId(), wait);
                    return Mono.error(new ApiException(ErrorCode.KAFKA_UNAVAILABLE,
                            "No executor answered within " + wait.toSeconds() + " s; retry later."));
                }))
                .onErrorMap(KafkaUnavailableException.class,
                        e -> new ApiException(ErrorCode.KAFKA_UNAVAILABLE, "The execute request could not be queued; retry later."));
    }

    /** The doc's datasets, all or the requested ones, in the doc's order. */
    static List<Dataset> select(Doc doc, ExecuteBody body) {
        if (body.datasetKeys().isEmpty()) {
            return doc.getDatasets();
        }
        List<String> keys = body.datasetKeys().get();
        Problems problems = new Problems();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (doc.getDatasets().stream().noneMatch(d -> d.getKey().equals(key))) {
                problems.add("datasetKeys[" + i + "]", "is not a dataset of this doc: '" + key + "'");
            }
        }
        problems.throwIfAny();
        return doc.getDatasets().stream().filter(d -> keys.contains(d.getKey())).toList();
    }
}
