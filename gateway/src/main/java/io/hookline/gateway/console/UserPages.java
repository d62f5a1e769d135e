package io.hookline.gateway.console;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Users and API keys: the team's users; owners and admins create users and rotate or revoke keys
 * (everyone their own), as the API allows. A new key is shown once, on the page that made it: it is
 * rendered at once rather than after a redirect, since rotating one's own key ends one's session.
 */
@Controller
final class UserPages {

    private final InProcessApi api;
    private final Pages pages;

    UserPages(InProcessApi api, Pages pages) {
        this.api = api;
        this.pages = pages;
    }

    @GetMapping("/admin/users")
    Mono<Rendering> users(ServerWebExchange exchange) {
        return page(exchange, List.of(), HttpStatus.OK);
    }

    @PostMapping("/admin/users")
    Mono<Rendering> create(ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> api.createUser(exchange, WebhookPages.text(form, "email"), WebhookPages.text(form, "role")))
                .flatMap(user -> shown(exchange, "Created " + user.path("email").stringValue() + ". Give them this key now: it is not shown again.",
                        user.path("apiKey").stringValue()))
                .onErrorResume(WebhookPages::invalid, e -> page(exchange, WebhookPages.problems(e), HttpStatus.UNPROCESSABLE_CONTENT));
    }

    @PostMapping("/admin/users/{id}/rotate")
    Mono<Rendering> rotate(ServerWebExchange exchange, @PathVariable String id) {
        boolean own = id.equals(io.hookline.gateway.auth.Caller.of(exchange).userId());
        return api.rotateKey(exchange, id).flatMap(user -> shown(exchange, "New key for " + user.path("email").stringValue()
                + ": the old one no longer works. It is not shown again." + (own ? " Sign in again with it." : ""), user.path("apiKey").stringValue()));
    }

    @PostMapping("/admin/users/{id}/revoke")
    Mono<Rendering> revoke(ServerWebExchange exchange, @PathVariable String id) {
        return api.revokeKey(exchange, id).then(Mono.fromSupplier(() -> {
            ConsoleSession.of(exchange).flash(ConsoleSession.Flash.success("Key revoked: every request with it is refused from now on."));
            return Pages.redirect("/admin/users");
        }));
    }

    private Mono<Rendering> shown(ServerWebExchange exchange, String message, String key) {
        ConsoleSession.of(exchange).flash(ConsoleSession.Flash.secret(message, "API key", key));
        return page(exchange, List.of(), HttpStatus.OK);
    }

    private Mono<Rendering> page(ServerWebExchange exchange, List<String> problems, HttpStatus status) {
        String self = io.hookline.gateway.auth.Caller.of(exchange).userId();
        return api.users(exchange).map(users -> pages.view(exchange, "users")
                .modelAttribute("users", pages.maps(users).stream().map(u -> {
                    Map<String, Object> view = new java.util.HashMap<>(u);
                    view.put("self", self.equals(u.get("id")));
                    return view;
                }).toList())
                .modelAttribute("problems", problems)
                .status(status)
                .build());
    }
}
