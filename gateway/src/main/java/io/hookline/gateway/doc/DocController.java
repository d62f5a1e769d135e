package io.hookline.gateway.doc;

import io.hookline.schemas.avro.AuditResourceType;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.gateway.audit.AuditLog;
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
    private final AuditLog audit;

    public DocController(Docs docs, JsonBodyReader bodies, AuditLog audit) {
        this.docs = docs;
        this.bodies = bodies;
        this.audit = audit;
    }

    @PostMapping("/v4/docs")
    public Mono<ResponseEntity<Envelope.Success<DocJson>>> create(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).requireManager();
        return bodies.read(exchange).map(validator::validate)
                .flatMap(request -> docs.ready().then(docs.create(caller.teamId(), request)))
                .flatMap(doc -> audited(exchange, AuditAction.CREATE, null, doc))
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
                .flatMap(t -> docs.replace(t.getT1(), t.getT2()).flatMap(change -> audited(exchange, AuditAction.UPDATE, change.before(),
                        change.after())))
                .map(doc -> Envelope.of(DocJson.from(doc)));
    }

    @DeleteMapping("/v4/docs/{id}")
    public Mono<Envelope.Success<Deleted>> delete(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return docs.ready().then(Mono.fromCallable(() -> caller.managing(existing(caller, id))))
                .flatMap(seen -> docs.delete(seen).flatMap(change -> audited(exchange, AuditAction.DELETE, change.before(), null)))
                .thenReturn(Envelope.of(new Deleted(id, true)));
    }

    /** The answer to a delete. */
    public record Deleted(String id, boolean deleted) {
    }

    @PostMapping("/v4/docs/{id}/archive")
    public Mono<Envelope.Success<DocJson>> archive(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return docs.ready().then(Mono.fromCallable(() -> caller.managing(existing(caller, id))))
                .flatMap(seen -> docs.archive(seen).flatMap(change -> audited(exchange, AuditAction.ARCHIVE, change.before(), change.after())))
                .map(doc -> Envelope.of(DocJson.from(doc)));
    }

    /** Completes with {@code after} (or {@code before} for a deletion) once the change's audit entry is written. */
    private Mono<Doc> audited(ServerWebExchange exchange, AuditAction action, Doc before, Doc after) {
        Doc doc = after != null ? after : before;
        return audit.changed(exchange, action, AuditResourceType.DOC, doc.getId(), before == null ? null : DocJson.from(before),
                after == null ? null : DocJson.from(after)).thenReturn(doc);
    }

    private Doc existing(Caller caller, String id) {
        return docs.find(caller.teamId(), id).orElseThrow(ApiException::notFound);
    }

}
