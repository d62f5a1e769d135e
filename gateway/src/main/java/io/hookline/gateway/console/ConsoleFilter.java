package io.hookline.gateway.console;

import io.hookline.gateway.auth.ApiKeyFilter;
import io.hookline.gateway.auth.Authenticator;
import io.hookline.gateway.auth.Caller;
import io.hookline.schemas.principal.Role;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards every {@code /admin} request: security headers on every answer; the session cookie turned
 * into the {@link Caller} (its key checked again, so that a revoked key ends the session); the CSRF
 * token required on every request that changes something. The sign-in form is protected by a
 * token of its own in a cookie (double submit), since there is no session yet.
 */
final class ConsoleFilter implements WebFilter, Ordered {

    static final String PREFIX = "/admin";
    static final String SIGN_IN = "/admin/sign-in";
    static final String ASSETS = "/admin/assets/";
    static final String PORTAL = "/admin/portal/";
    static final String SESSION_COOKIE = "hookline_console";
    static final String SIGN_IN_COOKIE = "hookline_console_sign_in";
    static final String CSRF_FIELD = "_csrf";

    /**
     * Scripts and styles from this origin only (no inline script, no eval), images also as data: URLs,
     * forms only to this origin, never in a frame.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final ConsoleSessions sessions;
    private final Authenticator authenticator;
    private final PortalLinks portalLinks;
    private final List<String> portalOrigins;

    /** @param portalOrigins where pages opened by a portal link may be framed ({@code hookline.portal.allowed-origins}) */
    ConsoleFilter(ConsoleSessions sessions, Authenticator authenticator, PortalLinks portalLinks, List<String> portalOrigins) {
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.portalLinks = portalLinks;
        this.portalOrigins = List.copyOf(portalOrigins);
    }

    @Override
    public int getOrder() {
        return ApiKeyFilter.ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return chain.filter(exchange);
        }
        secure(exchange.getResponse().getHeaders());
        if (path.startsWith(ASSETS)) {
            return chain.filter(exchange);
        }
        if (path.equals(SIGN_IN)) {
            return changes(exchange) ? checkToken(exchange, cookie(exchange, SIGN_IN_COOKIE), chain) : chain.filter(exchange);
        }
        if (path.startsWith(PORTAL)) {
            return openPortal(exchange, path.substring(PORTAL.length()));
        }
        Optional<ConsoleSession> session = sessions.touch(cookie(exchange, SESSION_COOKIE));
        if (session.isEmpty()) {
            return signedOut(exchange);
        }
        if (session.get().portal() != null) {
            return portal(exchange, chain, session.get(), path);
        }
        return authenticator.authenticate("Bearer " + session.get().apiKey())
                .map(Optional::of)
                .onErrorResume(e -> e instanceof ApiException api && api.code() == ErrorCode.UNAUTHORIZED, e -> Mono.just(Optional.empty()))
                .flatMap(caller -> {
                    if (caller.isEmpty()) {
                        sessions.close(session.get().id());
                        return signedOut(exchange);
                    }
                    caller.get().attachTo(exchange).getAttributes().put(ConsoleSession.ATTRIBUTE, session.get());
                    return changes(exchange) ? checkToken(exchange, session.get().csrfToken(), chain) : chain.filter(exchange);
                });
    }

    /** A portal link opens a session once; the link's URL is then spent. */
    private Mono<Void> openPortal(ServerWebExchange exchange, String token) {
        // the link is what the embedding page's frame opens: its answer (the redirect, or the page saying it is spent) is the portal's
        framableByPortalOrigins(exchange);
        Optional<PortalLinks.Link> link = HttpMethod.GET.equals(exchange.getRequest().getMethod()) ? portalLinks.open(token) : Optional.empty();
        if (link.isEmpty()) {
            return refuse(exchange, HttpStatus.GONE, "This portal link has been used already, has expired or was revoked. Ask for a new one.");
        }
        ConsoleSession session = sessions.open(link.get());
        exchange.getResponse().addCookie(portalCookie(exchange, session.id()));
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.SEE_OTHER);
        response.getHeaders().setLocation(URI.create(PREFIX + "/webhooks"));
        return response.setComplete();
    }

    /**
     * A portal session: the team's member (read-only link) or admin, for the link's webhooks and
     * their pages only; framing is allowed from the configured origins.
     */
    private Mono<Void> portal(ServerWebExchange exchange, WebFilterChain chain, ConsoleSession session, String path) {
        PortalLinks.Link link = session.portal();
        framableByPortalOrigins(exchange);
        String[] parts = path.split("/");
        boolean list = path.equals(PREFIX + "/webhooks") && !changes(exchange);
        boolean webhook = parts.length >= 4 && parts[2].equals("webhooks") && !parts[3].equals("new");
        if (!list && !webhook && !path.equals(PREFIX + "/sign-out")) {
            return refuse(exchange, HttpStatus.FORBIDDEN, "A portal link opens this team's webhooks only.");
        }
        if (webhook && !link.covers(parts[3])) {
            return refuse(exchange, HttpStatus.NOT_FOUND, "No such webhook.");
        }
        new Caller("portal:" + link.id(), link.teamId(), link.readOnly() ? Role.MEMBER : Role.ADMIN).attachTo(exchange)
                .getAttributes().put(ConsoleSession.ATTRIBUTE, session);
        return changes(exchange) ? checkToken(exchange, session.csrfToken(), chain) : chain.filter(exchange);
    }

    /** Lets the configured origins (none by default) frame this response; X-Frame-Options cannot name them, so it goes. */
    private void framableByPortalOrigins(ServerWebExchange exchange) {
        if (!portalOrigins.isEmpty()) {
            exchange.getResponse().getHeaders().set("Content-Security-Policy",
                    CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors " + String.join(" ", portalOrigins)));
            exchange.getResponse().getHeaders().remove("X-Frame-Options");
        }
    }

    /**
     * A portal session's cookie: embedded in another site's frame only a SameSite=None cookie is sent,
     * which browsers accept only with Secure, so that is what it is over HTTPS with origins configured. It is
     * also Partitioned (CHIPS): a browser that refuses third-party cookies, as Chromium does for this one
     * without it, keeps a partitioned cookie, for frames under the embedding site only.
     */
    private ResponseCookie portalCookie(ServerWebExchange exchange, String value) {
        boolean embeddable = !portalOrigins.isEmpty() && overHttps(exchange);
        return cookie(exchange, SESSION_COOKIE, value).sameSite(embeddable ? "None" : "Strict").partitioned(embeddable).build();
    }

    /** The cookie that keeps the session: HttpOnly, SameSite=Strict, Secure over HTTPS; it lasts as long as the browser. */
    static ResponseCookie sessionCookie(ServerWebExchange exchange, String value) {
        return cookie(exchange, SESSION_COOKIE, value).build();
    }

    static ResponseCookie.ResponseCookieBuilder cookie(ServerWebExchange exchange, String name, String value) {
        return ResponseCookie.from(name, value).path(PREFIX).httpOnly(true).sameSite("Strict").secure(overHttps(exchange));
    }

    static String cookie(ServerWebExchange exchange, String name) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(name);
        return cookie == null ? null : cookie.getValue();
    }

    private static boolean overHttps(ServerWebExchange exchange) {
        // a TLS-terminating proxy says so in X-Forwarded-Proto; a forged one only makes the cookie stricter
        return "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())
                || "https".equalsIgnoreCase(exchange.getRequest().getHeaders().getFirst("X-Forwarded-Proto"));
    }

    private static boolean changes(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        return !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method);
    }

    private static Mono<Void> checkToken(ServerWebExchange exchange, String expected, WebFilterChain chain) {
        // getFormData caches the parsed form, so the handler reads the same fields again
        return exchange.getFormData().flatMap(form -> ConsoleSessions.sameToken(expected, form.getFirst(CSRF_FIELD))
                ? chain.filter(exchange)
                : refuse(exchange, HttpStatus.FORBIDDEN, "The form's security token is missing or out of date. Reload the page and try again."));
    }

    private static Mono<Void> signedOut(ServerWebExchange exchange) {
        if (changes(exchange)) {
            return refuse(exchange, HttpStatus.FORBIDDEN, "You are not signed in, or your session has ended. Sign in again.");
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.SEE_OTHER);
        response.getHeaders().setLocation(URI.create(SIGN_IN));
        return response.setComplete();
    }

    /** A short page of our own words only: nothing from the request is echoed. */
    static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String message) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status.getReasonPhrase()
                + " · Hookline</title></head><body><main><h1>" + status.getReasonPhrase() + "</h1><p>" + message
                + "</p><p><a href=\"" + PREFIX + "/webhooks\">Back to Webhooks</a></p></main></body></html>";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(html.getBytes(StandardCharsets.UTF_8))));
    }

    private static void secure(HttpHeaders headers) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        // pages show secrets and delivery bodies: nothing of them in a shared cache or the back-forward cache
        headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
