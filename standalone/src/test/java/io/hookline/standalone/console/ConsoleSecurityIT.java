package io.hookline.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoAlertPresentException;

/**
 * The console's defences, in real Chromium: sign-in and sign-out with a session cookie the page's
 * scripts cannot read, security headers, a member who sees no controls and whose forged forms are
 * refused, and an endpoint whose answer carries markup that must show as text and never run.
 */
class ConsoleSecurityIT {

    @TempDir
    static Path data;

    static ConsolePlatform platform;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        platform = ConsolePlatform.start(data);
        browser = platform.browser;
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    @BeforeEach
    void signedOut() {
        browser.driver().manage().deleteAllCookies();
    }

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
}
