package io.hookline.gateway.doc;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.schemas.avro.Doc;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v4/docs}, {@code GET/PUT/DELETE /v4/docs/{id}}, {@code POST /v4/docs/{id}/archive}.
 * Reading needs any role; changing a doc (its code runs on every execute) needs admin or owner.
 */
@RestController
public class DocController {

    private final Docs docs;
    private final JsonBodyReader bodies;
    private final DocValidator validator = new DocValidator();

    public DocController(Docs docs, JsonBodyReader bodies) {
        this.docs = docs;
        this.bodies = bodies;
    }

    @PostMapping("/v4/docs")
    public Mono<ResponseEntity<Envelope.Success<DocJson>>> create(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).requireManager();
        return bodies.read(exchange).map(validator::validate)
                .flatMap(request -> docs.ready().then(docs.create(caller.teamId(), request)))
                .map(doc -> ResponseEntity.status(HttpStatus.CREATED).body(Envelope.of(DocJson.from(doc))));
    }

    @GetMapping("/v4/docs/{id}")
    public Mono<Envelope.Success<DocJson>> get(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return docs.ready().then(Mono.fromCallable(() -> Envelope.of(DocJson.from(existing(caller, id)))));
    }

    @PutMapping("/v4/docs/{id}")
    public Mono<Envelope.Success<DocJson>> replace(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return docs.ready().then(Mono.fromCallable(() -> caller.managing(existing(caller, id))))
                .zipWith(bodies.read(exchange).map(validator::validate))
                .flatMap(t -> docs.replace(t.getT1(), t.getT2()))
                .map(doc -> Envelope.of(DocJson.from(doc)));
    }

    @DeleteMapping("/v4/docs/{id}")
    public Mono<Envelope.Success<Deleted>> delete(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return docs.ready().then(Mono.fromCallable(() -> caller.managing(existing(caller, id)))).flatMap(docs::delete)
                .thenReturn(Envelope.of(new Deleted(id, true)));
    }

    /** The answer to a delete. */
    public record Deleted(String id, boolean deleted) {
    }

    @PostMapping("/v4/docs/{id}/archive")
    public Mono<Envelope.Success<DocJson>> archive(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return docs.ready().then(Mono.fromCallable(() -> caller.managing(existing(caller, id)))).flatMap(docs::archive)
                .map(doc -> Envelope.of(DocJson.from(doc)));
    }

    private Doc existing(Caller caller, String id) {
        return docs.find(caller.teamId(), id).orElseThrow(ApiException::notFound);
    }

}
