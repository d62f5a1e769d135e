package io.hookline.gateway.user;

import io.hookline.schemas.avro.AuditResourceType;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.gateway.audit.AuditLog;
import io.hookline.gateway.auth.Caller;
import io.hookline.schemas.principal.Role;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.gateway.web.JsonBodyReader;
import io.hookline.schemas.avro.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Users and their API keys (API.md, "Bootstrap"): {@code POST/GET /v4/users}, {@code GET /v4/users/{id}},
 * {@code DELETE /v4/api-keys/{id}} and {@code POST /v4/api-keys/{id}/rotate}. Another team's user
 * is a 404 for every role, so the team is checked before the role.
 */
@RestController
public class UserController {

    private final Users users;
    private final JsonBodyReader bodies;
    private final AuditLog audit;

    UserController(Users users, JsonBodyReader bodies, AuditLog audit) {
        this.users = users;
        this.bodies = bodies;
        this.audit = audit;
    }

    @PostMapping(path = "/v4/users", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    public Mono<ResponseEntity<Envelope.Success<UserJson>>> create(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).requireManager();
        return bodies.read(exchange)
                .map(NewUser::parse)
                .flatMap(request -> {
                    if (request.role() == Role.OWNER && caller.role() != Role.OWNER) {
                        return Mono.error(new ApiException(ErrorCode.FORBIDDEN, "Only an owner may create another owner."));
                    }
                    return users.ready().then(Mono.defer(() -> {
                        if (users.emailTaken(caller.teamId(), request.email())) {
                            return Mono.error(new ApiException(ErrorCode.CONFLICT, "Your team already has a user with this email."));
                        }
                        return users.create(caller.teamId(), request.email(), request.role());
                    }));
                })
                .flatMap(issued -> audit.changed(exchange, AuditAction.CREATE, AuditResourceType.USER, issued.principal().getUserId(), null,
                        UserJson.from(issued.principal())).thenReturn(issued))
                .map(issued -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(Envelope.of(UserJson.from(issued.principal()).withApiKey(issued.key().value()))));
    }

    @GetMapping("/v4/users")
    public Mono<Envelope.Page<UserJson>> list(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return users.ready().then(Mono.fromCallable(() ->
                Envelope.page(users.list(caller.teamId()).stream().map(UserJson::from).toList(), null)));
    }

    @GetMapping("/v4/users/{id}")
    public Mono<Envelope.Success<UserJson>> get(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return users.ready().then(Mono.fromCallable(() ->
                users.find(caller.teamId(), id).map(UserJson::from).map(Envelope::of).orElseThrow(ApiException::notFound)));
    }

    @DeleteMapping("/v4/api-keys/{id}")
    public Mono<ResponseEntity<Void>> revoke(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return users.ready()
                .then(Mono.fromCallable(() -> target(caller, id)))
                .flatMap(seen -> users.revoke(seen).flatMap(change -> audit.changed(exchange, AuditAction.REVOKE, AuditResourceType.API_KEY,
                        id, UserJson.from(change.before()), UserJson.from(change.after()))))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping("/v4/api-keys/{id}/rotate")
    public Mono<Envelope.Success<UserJson>> rotate(ServerWebExchange exchange, @PathVariable String id) {
        Caller caller = Caller.of(exchange);
        return users.ready()
                .then(Mono.fromCallable(() -> target(caller, id)))
                .flatMap(seen -> users.rotate(seen).flatMap(rotated -> audit.changed(exchange, AuditAction.ROTATE, AuditResourceType.API_KEY,
                        id, UserJson.from(rotated.before()), UserJson.from(rotated.issued().principal())).thenReturn(rotated.issued())))
                .map(issued -> Envelope.of(UserJson.from(issued.principal()).withApiKey(issued.key().value())));
    }

    /**
     * The user whose key the caller may revoke or rotate: their own, or, for an admin, any non-owner
     * of the team, and for an owner, anyone of the team.
     */
    private Principal target(Caller caller, String id) {
        Principal target = users.find(caller.teamId(), id).orElseThrow(ApiException::notFound);
        if (target.getUserId().equals(caller.userId())) {
            return target;
        }
        caller.requireManager();
        if (Role.OWNER.is(target.getRole()) && caller.role() != Role.OWNER) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only an owner may change an owner's key.");
        }
        return target;
    }
}
