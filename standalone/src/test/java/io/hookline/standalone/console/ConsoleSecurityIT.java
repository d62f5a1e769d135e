package io.hookline.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hookline.standalone.HooklineClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoAlertPresentException;

/**
 * The console's defences, in real Chromium: sign-in and sign-out with a session cookie the page's
 * scripts cannot read, security headers, a member who sees no controls and whose forged forms are
 * refused, and an endpoint whose answer carries markup that must show as text and never run.
 */
class ConsoleSecurityIT {

    @RegisterExtension
    static final ConsolePlatform platform = new ConsolePlatform();

    // a test instance is made after the platform started
    private final Browser browser = platform.browser;

    @Test
    void shouldSignInWithAnApiKeyIntoAStrictHttpOnlySessionAndSignOut() {
        // given a wrong key
        browser.open("/admin/webhooks");
        assertThat(browser.path()).isEqualTo("/admin/sign-in");
        browser.assertAccessible();
        browser.screenshot("sign-in");
        browser.signIn(platform.ownerKey.substring(0, platform.ownerKey.length() - 2) + "xx");
        assertThat(browser.text()).contains("That API key is not valid");
        // when the right one is used
        browser.signIn(platform.ownerKey);
        // then
        assertThat(browser.path()).isEqualTo("/admin/webhooks");
        Cookie session = browser.driver().manage().getCookieNamed("hookline_console");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getPath()).isEqualTo("/admin");
        assertThat(session.getValue()).doesNotContain(platform.ownerKey);
        assertThat((Object) browser.driver().executeScript("return document.cookie")).isEqualTo("");
        // when signed out, the pages are closed again
        browser.signOut();
        assertThat(browser.path()).isEqualTo("/admin/sign-in");
        browser.open("/admin/webhooks");
        assertThat(browser.path()).isEqualTo("/admin/sign-in");
    }

    @Test
    void shouldSendAStrictContentSecurityPolicyOnEveryPage() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(platform.hookline.baseUrl() + "/admin/sign-in")).build(), HttpResponse.BodyHandlers.ofString());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void shouldRefuseAFormWithoutTheSessionsToken() {
        // given a signed-in owner and a webhook
        String id = platform.webhook(ConsolePlatform.path(), "[\"*\"]");
        browser.signIn(platform.ownerKey);
        // when a request without the CSRF token tries to disable it
        int status = browser.fetchStatus("POST", "/admin/webhooks/" + id + "/disable", Map.of());
        // then
        assertThat(status).isEqualTo(403);
        assertThat(platform.owner.get("/v4/webhooks/" + id).data().path("status").asString()).isEqualTo("active");
    }

    @Test
    void shouldShowAMemberNoControlsAndRefuseTheirForgedForms() {
        // given a webhook and a member
        String id = platform.webhook(ConsolePlatform.path(), "[\"*\"]");
        browser.signIn(platform.user("member"));
        // then the member reads but sees nothing that changes anything
        assertThat(browser.find(By.id("webhooks")).getText()).contains("Active");
        assertThat(browser.hasButton("Create Webhook")).isFalse();
        browser.open("/admin/webhooks/" + id);
        assertThat(browser.find(By.id("webhook-status")).getText()).isEqualTo("Active");
        browser.assertAccessible();
        for (String control : new String[] {"Edit", "Disable", "Delete", "Reveal", "Rotate", "Send", "Retry Test"}) {
            assertThat(browser.hasButton(control)).as(control).isFalse();
        }
        // when the member forges the owner's Disable form, with a valid token of their own session
        String token = browser.find(By.name("_csrf")).getDomProperty("value");
        int status = browser.fetchStatus("POST", "/admin/webhooks/" + id + "/disable", Map.of("_csrf", token));
        // then the API's rule refuses it
        assertThat(status).isEqualTo(403);
        assertThat(platform.owner.get("/v4/webhooks/" + id).data().path("status").asString()).isEqualTo("active");
    }

    @Test
    void shouldShowAnEndpointsMarkupAsTextAndNeverRunIt() {
        // given an endpoint that answers with script in its body and in a header
        String path = ConsolePlatform.path();
        String body = "<script>window.hooklineXss = 'body'; alert('body')</script><img src=x onerror=\"window.hooklineXss = 'img'; alert('img')\">";
        String header = "<script>alert('header')</script><b onerror=alert(1)>";
        platform.receiver.respondWith(path, 200, body, Map.of("Content-Type", "text/html", "X-Evil", header));
        String id = platform.webhook(path, "[\"*\"]");
        browser.signIn(platform.ownerKey);
        // when its verification delivery is opened
        browser.open("/admin/webhooks/" + id + "/logs");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            browser.driver().navigate().refresh();
            return !browser.all(By.cssSelector("#deliveries a")).isEmpty();
        });
        assertThat(browser.find(By.id("deliveries")).getText()).contains(body);
        browser.follow(browser.find(By.cssSelector("#deliveries a")));
        // then the markup is there as text, no element came of it and nothing ran
        assertThat(browser.find(By.cssSelector(".response-body")).getText()).isEqualTo(body);
        assertThat(browser.text()).contains("x-evil").contains(header);
        assertThat(browser.all(By.cssSelector("main img, main script, main b"))).isEmpty();
        assertThat((Object) browser.driver().executeScript("return window.hooklineXss === undefined")).isEqualTo(true);
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        browser.assertAccessible();
    }

    @Test
    void shouldOpenTheConsoleOnceFromAPortalLinkScopedToItsWebhooks() {
        // given two webhooks and a read-only link for one of them
        String inside = platform.webhook(ConsolePlatform.path(), "[\"*\"]");
        String outside = platform.webhook(ConsolePlatform.path(), "[\"*\"]");
        HooklineClient.Response link = platform.owner.post("/v4/portal-links", "{\"webhookIds\": [\"" + inside + "\"], \"readOnly\": true}");
        assertThat(link.status()).as("link: %s", link.body()).isEqualTo(201);
        String url = link.data().path("url").asString();
        assertThat(url).startsWith(platform.hookline.baseUrl() + "/admin/portal/");
        // when it is opened, without any API key
        browser.driver().get(url);
        // then the console shows that webhook only, and nothing that changes it
        assertThat(browser.path()).isEqualTo("/admin/webhooks");
        assertThat(browser.all(By.cssSelector("tr[data-webhook-id='" + inside + "']"))).hasSize(1);
        assertThat(browser.all(By.cssSelector("tr[data-webhook-id='" + outside + "']"))).isEmpty();
        assertThat(browser.hasButton("Create Webhook")).isFalse();
        assertThat(browser.hasButton("Users and API keys")).isFalse();
        browser.assertAccessible();
        browser.open("/admin/webhooks/" + inside);
        assertThat(browser.find(By.id("webhook-status")).getText()).isEqualTo("Active");
        assertThat(browser.hasButton("Disable")).isFalse();
        browser.open("/admin/webhooks/" + outside);
        assertThat(browser.text()).contains("No such webhook.");
        browser.open("/admin/users");
        assertThat(browser.text()).contains("A portal link opens this team's webhooks only.");
        // when the same link is opened again, in another session
        browser.driver().manage().deleteAllCookies();
        browser.driver().get(url);
        // then it is spent
        assertThat(browser.text()).contains("This portal link has been used already");
        assertThat(platform.owner.get("/v4/portal-links/" + link.data().path("id").asString()).data().path("status").asString()).isEqualTo("used");
    }

    @Test
    void shouldRefuseAnExpiredPortalLinkAndEndTheSessionsOfARevokedOne() {
        // given a link that expires after a second
        HooklineClient.Response expiring = platform.owner.post("/v4/portal-links", "{\"expiresIn\": 1}");
        String expiringId = expiring.data().path("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                platform.owner.get("/v4/portal-links/" + expiringId).data().path("status").asString().equals("expired"));
        // then it opens nothing
        browser.driver().get(expiring.data().path("url").asString());
        assertThat(browser.text()).contains("has expired");
        // given a session opened by another link, when that link is revoked, then the session is over
        HooklineClient.Response revoked = platform.owner.post("/v4/portal-links", "{}");
        browser.driver().get(revoked.data().path("url").asString());
        assertThat(browser.path()).isEqualTo("/admin/webhooks");
        assertThat(platform.owner.delete("/v4/portal-links/" + revoked.data().path("id").asString()).status()).isEqualTo(204);
        browser.open("/admin/webhooks");
        assertThat(browser.path()).isEqualTo("/admin/sign-in");
    }

    @Test
    void shouldLetOnlyOwnersAndAdminsCreatePortalLinksOfValidShape() {
        HooklineClient member = new HooklineClient(platform.hookline.baseUrl(), platform.user("member"));
        assertThat(member.post("/v4/portal-links", "{}").status()).isEqualTo(403);
        HooklineClient.Response invalid = platform.owner.post("/v4/portal-links", "{\"expiresIn\": 604801, \"webhookIds\": [\"wh_nope\"]}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().path("error").path("details").toString()).contains("expiresIn");
        HooklineClient.Response foreign = platform.owner.post("/v4/portal-links", "{\"webhookIds\": [\"wh_nope\"]}");
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.body().path("error").path("details").toString()).contains("webhookIds[0]").contains("is not a webhook of your team");
    }
}
