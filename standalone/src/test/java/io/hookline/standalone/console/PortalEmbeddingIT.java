package io.hookline.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.standalone.HooklineClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal embedded in another site's page, in real Chromium: the console served over HTTPS on
 * {@code 127.0.0.1}, the embedding pages over HTTP on {@code localhost} (another site, so the portal's
 * session cookie is a third-party one). Only the origin in {@code hookline.portal.allowed-origins} may
 * frame a portal page, and nobody may frame the console itself.
 */
class PortalEmbeddingIT {

    private static final Embedder allowed = Embedder.start();
    private static final Embedder elsewhere = Embedder.start();

    @RegisterExtension
    static final ConsolePlatform platform = ConsolePlatform.overHttps(Map.of("hookline.portal.allowed-origins", allowed.origin()));

    // a test instance is made after the platform started
    private final Browser browser = platform.browser;
    /** The browser's console messages seen by this test; reading the log empties it. */
    private final List<String> logged = new ArrayList<>();

    @AfterAll
    static void stopEmbedders() {
        allowed.close();
        elsewhere.close();
    }

    @Test
    void shouldKeepThePortalSessionWhileNavigatingInAFrameOnTheAllowedSite() {
        // given a webhook and a fresh portal link for it
        String id = platform.webhook(ConsolePlatform.path(), "[\"*\"]");
        // when the allowed site's page frames the link
        browser.driver().get(allowed.framing("/webhooks", portalLink(id)));
        enterFrame();
        // then the portal's list loads inside the frame
        awaitInFrame("document.querySelector(\"tr[data-webhook-id='" + id + "']\") !== null");
        assertThat(framePath()).isEqualTo("/admin/webhooks");
        browser.assertAccessible();
        // and a second page in the frame is still signed in: the third-party cookie was kept and sent
        browser.follow(browser.find(By.cssSelector("tr[data-webhook-id='" + id + "'] a")));
        assertThat(framePath()).isEqualTo("/admin/webhooks/" + id);
        assertThat(browser.find(By.id("webhook-status")).getText()).isEqualTo("Active");
        browser.assertAccessible();
        browser.driver().switchTo().defaultContent();
        browser.screenshot("portal-embedded");
        assertThat(sessionCookie()).containsEntry("sameSite", "None").containsEntry("secure", true).containsEntry("httpOnly", true)
                .containsKey("partitionKey");
        assertThat(consoleErrors()).noneMatch(message -> message.contains("Content Security Policy"));
    }

    @Test
    void shouldNotShowThePortalInAFrameOfAnOriginOutsideTheList() {
        // given a fresh portal link
        String id = platform.webhook(ConsolePlatform.path(), "[\"*\"]");
        // when a site that is not allowed frames it
        browser.driver().get(elsewhere.framing("/webhooks", portalLink(id)));
        // then the browser refuses to show the portal there, saying which ancestors the page allows
        await().atMost(Duration.ofSeconds(30)).until(() -> consoleErrors().stream()
                .anyMatch(message -> message.contains("frame-ancestors " + allowed.origin())));
        assertNoConsoleInFrame(id);
    }

    @Test
    void shouldNotLetEvenTheAllowedSiteFrameTheConsoleItself() {
        // given an owner signed in to the console
        browser.signIn(platform.ownerKey);
        String id = platform.webhook(ConsolePlatform.path(), "[\"*\"]");
        browser.open("/admin/webhooks");
        assertThat(browser.all(By.cssSelector("tr[data-webhook-id='" + id + "']"))).hasSize(1);
        // when the portal's allowed site frames the console's own pages
        browser.driver().get(allowed.framing("/console", platform.baseUrl + "/admin/webhooks"));
        // then no page of it shows: the console is never framed
        await().atMost(Duration.ofSeconds(30)).until(() -> consoleErrors().stream()
                .anyMatch(message -> message.contains("frame-ancestors 'none'")));
        assertNoConsoleInFrame(id);
    }

    /** A single-use link of the owner's team to this webhook. */
    private String portalLink(String webhookId) {
        HooklineClient.Response link = platform.owner.post("/v4/portal-links", "{\"webhookIds\": [\"" + webhookId + "\"]}");
        assertThat(link.status()).as("link: %s", link.body()).isEqualTo(201);
        String url = link.data().path("url").asString();
        assertThat(url).startsWith(platform.baseUrl + "/admin/portal/");
        return url;
    }

    private void enterFrame() {
        browser.driver().switchTo().frame("portal");
    }

    /** Waits until this holds in the frame's document (the frame's navigations are not the window's). */
    private void awaitInFrame(String condition) {
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).ignoring(WebDriverException.class)
                    .until(d -> Boolean.TRUE.equals(browser.driver().executeScript("return " + condition + ";")));
        } catch (org.openqa.selenium.TimeoutException e) {
            String frame = browser.driver().executeScript("return location.href + ': ' + document.body.innerText;") + "";
            browser.driver().switchTo().defaultContent();
            throw new AssertionError("Not in the frame within 60 s: " + condition + "; the frame shows " + frame + "; the browser logged "
                    + consoleErrors() + "; its cookies " + browser.driver().executeCdpCommand("Network.getAllCookies", Map.of()) + "; screenshot " + browser.screenshot("portal-stuck-" + System.nanoTime()), e);
        }
    }

    private String framePath() {
        return (String) browser.driver().executeScript("return location.pathname;");
    }

    /** The frame shows an error of the browser's, not the console: nothing of the team's webhooks is in it. */
    private void assertNoConsoleInFrame(String webhookId) {
        enterFrame();
        Object console = browser.driver().executeScript(
                "return document.querySelector('[data-webhook-id]') !== null || document.documentElement.innerHTML.includes(arguments[0]);",
                webhookId);
        assertThat(console).as("console content in the frame at %s", browser.driver().executeScript("return location.href;")).isEqualTo(false);
        browser.driver().switchTo().defaultContent();
        browser.screenshot("portal-refused-" + System.nanoTime());
    }

    private List<String> consoleErrors() {
        logged.addAll(browser.consoleErrors());
        return logged;
    }

    /** The console's session cookie as the browser keeps it, whatever page is open. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> sessionCookie() {
        Map<String, Object> all = browser.driver().executeCdpCommand("Network.getAllCookies", Map.of());
        return ((List<Map<String, Object>>) all.get("cookies")).stream()
                .filter(cookie -> "hookline_console".equals(cookie.get("name")) && "127.0.0.1".equals(cookie.get("domain")))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie of 127.0.0.1 in " + all));
    }
}
