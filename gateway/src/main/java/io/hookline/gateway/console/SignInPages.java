package io.hookline.gateway.console;

import io.hookline.gateway.auth.Authenticator;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Sign in with an API key (exchanged for a session), sign out. */
@Controller
final class SignInPages {

    private final ConsoleSessions sessions;
    private final Authenticator authenticator;

    SignInPages(ConsoleSessions sessions, Authenticator authenticator) {
        this.sessions = sessions;
        this.authenticator = authenticator;
    }

    @GetMapping({"/admin", "/admin/"})
    Rendering home() {
        return Pages.redirect("/admin/webhooks");
    }

    @GetMapping(ConsoleFilter.SIGN_IN)
    Rendering signInForm(ServerWebExchange exchange) {
        if (sessions.touch(ConsoleFilter.cookie(exchange, ConsoleFilter.SESSION_COOKIE)).isPresent()) {
            return Pages.redirect("/admin/webhooks");
        }
        return form(exchange, null, HttpStatus.OK);
    }

    @PostMapping(ConsoleFilter.SIGN_IN)
    Mono<Rendering> signIn(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            String key = form.getFirst("apiKey") == null ? "" : form.getFirst("apiKey").trim();
            return authenticator.authenticate("Bearer " + key)
                    .map(caller -> {
                        ConsoleSession session = sessions.open(key);
                        exchange.getResponse().addCookie(ConsoleFilter.sessionCookie(exchange, session.id()));
                        exchange.getResponse().addCookie(ConsoleFilter.cookie(exchange, ConsoleFilter.SIGN_IN_COOKIE, "").maxAge(Duration.ZERO).build());
                        return Pages.redirect("/admin/webhooks");
                    })
                    .onErrorResume(e -> e instanceof ApiException api && api.code() == ErrorCode.UNAUTHORIZED,
                            e -> Mono.just(form(exchange, "That API key is not valid. Check it and try again.", HttpStatus.UNAUTHORIZED)));
        });
    }

    @PostMapping("/admin/sign-out")
    Rendering signOut(ServerWebExchange exchange) {
        sessions.close(ConsoleSession.of(exchange).id());
        exchange.getResponse().addCookie(ConsoleFilter.cookie(exchange, ConsoleFilter.SESSION_COOKIE, "").maxAge(Duration.ZERO).build());
        return Pages.redirect(ConsoleFilter.SIGN_IN);
    }

    /** The form, with a fresh token that must come back both in the form and in its cookie. */
    private static Rendering form(ServerWebExchange exchange, String error, HttpStatus status) {
        String token = ConsoleSessions.token();
        ResponseCookie cookie = ConsoleFilter.cookie(exchange, ConsoleFilter.SIGN_IN_COOKIE, token).maxAge(Duration.ofHours(1)).build();
        exchange.getResponse().addCookie(cookie);
        Rendering.Builder<?> view = Rendering.view("console/sign-in").modelAttribute("csrf", token).status(status);
        if (error != null) {
            view.modelAttribute("error", error);
        }
        return view.build();
    }
}
