package io.hookline.gateway.console;

import io.hookline.schemas.states.WebhookStatus;
import java.time.Duration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The buttons of a webhook's page: Disable, Enable, Delete (after a confirmation page), Retry Test,
 * Reveal and Rotate of the signing secret, Send Test Event. Each answers with the details page
 * (post/redirect/get) and a message saying what happened.
 */
@Controller
final class WebhookActionPages {

    private final InProcessApi api;
    private final Pages pages;
    private final WebhookPages details;
    private final Duration secretOverlap;

    WebhookActionPages(InProcessApi api, Pages pages, WebhookPages details, Duration secretOverlap) {
        this.api = api;
        this.pages = pages;
        this.details = details;
        this.secretOverlap = secretOverlap;
    }

    @PostMapping("/admin/webhooks/{id}/disable")
    Mono<Rendering> disable(ServerWebExchange exchange, @PathVariable String id) {
        return api.disable(exchange, id).map(w -> back(exchange, id, "Disabled: no events are sent until you enable it."));
    }

    @PostMapping("/admin/webhooks/{id}/enable")
    Mono<Rendering> enable(ServerWebExchange exchange, @PathVariable String id) {
        return api.enable(exchange, id).map(w -> back(exchange, id, "Enabled: status " + Labels.webhookStatus(w.path("status").stringValue()) + "."));
    }

    /** The confirmation the guide asks for before a webhook goes for good. */
    @GetMapping("/admin/webhooks/{id}/delete")
    Mono<Rendering> confirmDelete(ServerWebExchange exchange, @PathVariable String id) {
        return api.webhook(exchange, id).map(w -> pages.view(exchange, "webhook-delete")
                .modelAttribute("webhook", WebhookPages.labelled(pages.map(w))).build());
    }

    @PostMapping("/admin/webhooks/{id}/delete")
    Mono<Rendering> delete(ServerWebExchange exchange, @PathVariable String id) {
        return api.delete(exchange, id).then(Mono.fromSupplier(() -> {
            ConsoleSession.of(exchange).flash(ConsoleSession.Flash.success("Webhook deleted: no events are sent to it any more."));
            return Pages.redirect("/admin/webhooks");
        }));
    }

    /** Retry Test: the verification again, its outcome on the details page. */
    @PostMapping("/admin/webhooks/{id}/verify")
    Mono<Rendering> verify(ServerWebExchange exchange, @PathVariable String id) {
        return api.verify(exchange, id).map(w -> {
            String status = w.path("status").stringValue();
            ConsoleSession.Flash flash = WebhookStatus.ACTIVE.is(status)
                    ? ConsoleSession.Flash.success("Test passed: the webhook is Active.")
                    : ConsoleSession.Flash.error("Test failed: " + w.path("verification").path("error").stringValue());
            ConsoleSession.of(exchange).flash(flash);
            return Pages.redirect("/admin/webhooks/" + id);
        });
    }

    /** Reveal: the page again, this once with the secret (never in a URL, so it is a POST). */
    @PostMapping("/admin/webhooks/{id}/secret")
    Mono<Rendering> reveal(ServerWebExchange exchange, @PathVariable String id) {
        return api.secret(exchange, id).flatMap(secret -> details.details(exchange, id, secret));
    }

    @PostMapping("/admin/webhooks/{id}/secret/rotate")
    Mono<Rendering> rotate(ServerWebExchange exchange, @PathVariable String id) {
        return api.rotate(exchange, id).map(secret -> {
            ConsoleSession.of(exchange).flash(ConsoleSession.Flash.secret("Secret rotated. The previous secret "
                    + "keeps signing next to the new one for " + hours(secretOverlap) + ", so receivers can switch without dropping requests.",
                    "Signing secret", secret));
            return Pages.redirect("/admin/webhooks/" + id);
        });
    }

    @PostMapping("/admin/webhooks/{id}/test")
    Mono<Rendering> test(ServerWebExchange exchange, @PathVariable String id) {
        return exchange.getFormData().flatMap(form -> api.test(exchange, id, WebhookPages.text(form, "eventType")))
                .map(deliveryId -> back(exchange, id, "Test event sent (delivery " + deliveryId + "): see Logs for the result."));
    }

    private static Rendering back(ServerWebExchange exchange, String id, String message) {
        ConsoleSession.of(exchange).flash(ConsoleSession.Flash.success(message));
        return Pages.redirect("/admin/webhooks/" + id);
    }

    private static String hours(Duration duration) {
        return duration.toMinutes() % 60 == 0 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }
}
