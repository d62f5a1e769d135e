package io.hookline.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.standalone.HooklineClient;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The seed's admin guide, clicked through in real Chromium against the whole platform: Create
 * Webhook with a failing endpoint and Retry Test once it is fixed, Send Test Event, the Logs tab,
 * delivery details and Re-deliver, Disable (nothing delivered) and Delete with its confirmation.
 * Every page passes axe-core and is kept as a screenshot.
 */
class ConsoleWebhooksIT {

    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @RegisterExtension
    static final ConsolePlatform platform = new ConsolePlatform();

    // a test instance is made after the platform started
    private final Browser browser = platform.browser;

    @BeforeEach
    void signIn() {
        browser.signIn(platform.ownerKey);
        assertThat(browser.path()).startsWith("/admin/webhooks");
    }

    @Test
    void shouldCreateAWebhookWhoseTestFailsThenActivateItWithRetryTest() {
        // given an endpoint that is down for maintenance
        String path = ConsolePlatform.path();
        platform.receiver.respondWith(path, 503, "down for maintenance");
        browser.open("/admin/webhooks");
        browser.assertAccessible();
        browser.click("Create Webhook");
        browser.assertAccessible();
        browser.screenshot("create-webhook");
        // when it is created through the form
        browser.labelled("Endpoint URL").sendKeys(platform.receiver.url(path));
        browser.labelled("acronym.created").click();
        browser.labelled("category.deleted").click();
        browser.labelled("Description").sendKeys("Wiki sync");
        browser.click("Create");
        // then the page says why the test failed and offers Retry Test
        assertThat(browser.find(By.id("webhook-status")).getText()).isEqualTo("Verification failed");
        assertThat(browser.find(By.id("verification-error")).getText()).isEqualTo("HTTP 503: down for maintenance");
        assertThat(browser.text()).contains("acronym.created, category.deleted").contains("Wiki sync");
        assertThat(browser.find(By.id("new-secret")).getText()).startsWith("whsec_");
        browser.assertAccessible();
        browser.screenshot("webhook-verification-failed");
        // when the endpoint is fixed and the test run again
        platform.receiver.respondWith(path, 200, "ok");
        browser.click("Retry Test");
        // then
        assertThat(browser.find(By.id("webhook-status")).getText()).isEqualTo("Active");
        assertThat(browser.text()).contains("Test passed: the webhook is Active.");
        assertThat(browser.hasButton("Retry Test")).isFalse();
        browser.open("/admin/webhooks");
        assertThat(browser.find(By.id("webhooks")).getText()).contains(platform.receiver.url(path)).contains("Active");
        browser.screenshot("webhooks");
    }

    @Test
    void shouldSendATestEventAndRedeliverItFromTheLogs() {
        // given
        String path = ConsolePlatform.path();
        String id = platform.webhook(path, "[\"acronym.created\"]");
        browser.open("/admin/webhooks/" + id);
        // when a test event is sent from the dropdown
        new Select(browser.labelled("Event type")).selectByVisibleText("category.created");
        browser.click("Send");
        assertThat(browser.text()).contains("Test event sent");
        await().atMost(DELIVERY).until(() -> platform.received(path, "category.created") == 1);
        // then it shows in the Logs tab
        browser.click("Logs");
        await().atMost(DELIVERY).until(() -> {
            browser.driver().navigate().refresh();
            return browser.text().contains("category.created") && browser.find(By.id("deliveries")).getText().contains("Success");
        }); // received is not yet recorded: until it is, the delivery is listed pending
        assertThat(browser.find(By.id("deliveries")).getText()).contains("Success").contains("200").contains("ok");
        browser.assertAccessible();
        browser.screenshot("logs");
        // when it is opened and re-delivered
        browser.follow(browser.find(By.linkText("category.created")));
        assertThat(browser.find(By.id("delivery-status")).getText()).isEqualTo("Success");
        assertThat(browser.find(By.id("signature")).getText()).startsWith("v1,");
        assertThat(browser.find(By.id("request-headers")).getText()).contains("X-Define-Event category.created");
        assertThat(browser.find(By.id("request-body")).getText()).contains("\"category\"");
        browser.click("Re-deliver");
        // then it is queued, delivered again, and the new attempt appears with its trigger
        assertThat(browser.text()).contains("Re-delivery queued: it will appear below as attempt 2");
        await().atMost(DELIVERY).until(() -> platform.received(path, "category.created") == 2);
        await().atMost(DELIVERY).until(() -> {
            browser.driver().navigate().refresh();
            return !browser.all(By.cssSelector("[data-attempt='2']")).isEmpty();
        });
        assertThat(browser.find(By.cssSelector("[data-attempt='2'] h3")).getText()).isEqualTo("Attempt 2 · Success · manual");
        browser.assertAccessible();
        browser.screenshot("delivery");
        // and the details page's chart counts the successes: verification, test send and re-delivery (within an hour or two)
        browser.open("/admin/webhooks/" + id);
        assertThat(browser.all(By.cssSelector("svg.chart g title")).stream()
                .map(t -> t.getDomProperty("textContent").replaceAll(".*: (\\d+) succeeded, 0 failed$", "$1"))
                .mapToInt(Integer::parseInt).sum()).isEqualTo(3);
        assertThat(browser.all(By.cssSelector("svg.chart rect.ok"))).extracting(bar -> bar.getDomAttribute("height")).contains("100");
        // and the latency of those three attempts, in words and as a chart per hour
        assertThat(browser.find(By.id("latency")).getText()).startsWith("last 24 h: median ≈ ").contains(" ms (3 attempts); last 7 days: ");
        assertThat(browser.all(By.cssSelector("svg.latency-chart circle.p95"))).isNotEmpty();
        browser.assertAccessible();
    }

    @Test
    void shouldShowTheEndpointsCircuitOpenOnceItKeepsFailing() {
        // given a webhook whose endpoint fails every attempt after its verification
        String path = ConsolePlatform.path();
        String id = platform.webhook(path, "[\"user.created\"]");
        browser.open("/admin/webhooks/" + id);
        assertThat(browser.find(By.id("circuit")).getText()).startsWith("Circuit closed");
        platform.receiver.respondWith(path, 500, "down");
        // when it fails ten times in a row (the deliverer's default threshold)
        for (int i = 0; i < 10; i++) {
            platform.publish("user.created");
        }
        // then the details page says the circuit is open, why, and when the next probe goes
        await().atMost(DELIVERY).until(() -> {
            browser.open("/admin/webhooks/" + id);
            return browser.find(By.id("circuit")).getText().startsWith("Circuit open after 10 failed attempts in a row since ");
        });
        assertThat(browser.find(By.id("circuit")).getText()).contains("sent as a probe; a success closes it");
    }

    @Test
    void shouldDeliverNothingWhileDisabledAndDeleteAfterConfirmation() {
        // given
        String path = ConsolePlatform.path();
        String id = platform.webhook(path, "[\"user.created\", \"user.deactivated\"]");
        browser.open("/admin/webhooks/" + id);
        // when it is disabled, an event is published, it is enabled and another is published
        browser.click("Disable");
        assertThat(browser.find(By.id("webhook-status")).getText()).isEqualTo("Disabled");
        browser.assertAccessible();
        platform.publish("user.created");
        browser.click("Enable");
        assertThat(browser.find(By.id("webhook-status")).getText()).isEqualTo("Active");
        platform.publish("user.deactivated");
        // then only the second arrives (same tenant partition, published after the first)
        await().atMost(DELIVERY).until(() -> platform.received(path, "user.deactivated") == 1);
        assertThat(platform.received(path, "user.created")).isZero();
        // when it is deleted, after the confirmation
        browser.click("Delete");
        assertThat(browser.text()).contains("Delete this webhook?");
        browser.assertAccessible();
        browser.click("Delete");
        // then
        assertThat(browser.path()).isEqualTo("/admin/webhooks");
        assertThat(browser.text()).contains("Webhook deleted").doesNotContain(platform.receiver.url(path));
        assertThat(platform.owner.get("/v4/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void shouldShowAWebhooksFilterAndCustomHeadersReadOnly() {
        // given a webhook given a filter and a header over the API
        String id = platform.webhook(ConsolePlatform.path(), "[\"acronym.created\"]");
        assertThat(platform.owner.patch("/v4/webhooks/" + id,
                "{\"filter\": {\"data.acronym.term\": {\"$in\": [\"API\"]}}, \"headers\": {\"X-Team\": \"payments\"}}").status())
                .isEqualTo(200);
        // when its details are opened
        browser.open("/admin/webhooks/" + id);
        // then both are shown, and the page stays accessible
        assertThat(browser.find(By.id("filter")).getText()).isEqualTo("{\"data.acronym.term\":{\"$in\":[\"API\"]}}");
        assertThat(browser.find(By.id("custom-headers")).getText()).isEqualTo("X-Team: payments");
        browser.assertAccessible();
    }

    @Test
    void shouldEditTheEventsButNotTheUrlAndRevealAndRotateTheSecret() {
        // given
        String path = ConsolePlatform.path();
        String id = platform.webhook(path, "[\"acronym.created\"]");
        String secret = platform.owner.get("/v4/webhooks/" + id + "/secret").data().path("secret").asString();
        browser.open("/admin/webhooks/" + id);
        assertThat(browser.all(By.id("secret"))).isEmpty();
        assertThat(browser.text()).doesNotContain(secret);
        // when Edit changes the events and the description
        browser.click("Edit");
        assertThat(browser.labelled("Endpoint URL").getDomAttribute("readonly")).isNotNull();
        assertThat(browser.text()).contains("delete this webhook and recreate it");
        browser.assertAccessible();
        browser.screenshot("edit-webhook");
        browser.labelled("acronym.created").click();
        browser.labelled("import.completed").click();
        browser.labelled("Description").sendKeys("Imports to the wiki");
        browser.click("Save");
        // then
        assertThat(browser.text()).contains("Saved.").contains("import.completed").contains("Imports to the wiki");
        assertThat(platform.owner.get("/v4/webhooks/" + id).data().path("events").toString()).isEqualTo("[\"import.completed\"]");
        // when the secret is revealed, then rotated
        browser.click("Reveal");
        assertThat(browser.find(By.id("secret")).getText()).isEqualTo(secret);
        browser.click("Rotate");
        // then the new one is shown once, with the overlap during which the old one still signs
        String rotated = browser.find(By.id("new-secret")).getText();
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(browser.text()).contains("keeps signing next to the new one for 24 h");
        assertThat(platform.owner.get("/v4/webhooks/" + id + "/secret").data().path("secret").asString()).isEqualTo(rotated);
    }

    @Test
    void shouldShowNewAttemptsInTheLogsLiveWithoutReloading() {
        // given the Logs tab of a webhook, open and following the log
        String path = ConsolePlatform.path();
        String id = platform.webhook(path, "[\"collection.created\"]");
        browser.open("/admin/webhooks/" + id + "/logs");
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.find(By.id("tail-state")).getText().startsWith("Live"));
        assertThat(browser.find(By.id("deliveries")).getText()).doesNotContain("collection.created");
        // when an event is delivered
        platform.publish("collection.created");
        // then its row appears in the page as it is (pending while queued, then as its attempt ended)
        await().atMost(DELIVERY).until(() -> browser.find(By.id("deliveries")).getText().contains("collection.created"));
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(browser.find(By.cssSelector("#deliveries tbody tr")).getText())
                .startsWith("collection.created").contains("Success"));
        browser.assertAccessible();
    }

    @Test
    void shouldShowDeliveriesWaitingForTheRateLimitAsPendingWithWhy() {
        // given a webhook limited to one delivery a second, and four events at once
        String path = ConsolePlatform.path();
        HooklineClient.Response created = platform.owner.post("/v4/webhooks", "{\"url\": \"" + platform.receiver.url(path)
                + "\", \"events\": [\"category.updated\"], \"rateLimitPerSecond\": 1}");
        assertThat(created.status()).as("created: %s", created.body()).isEqualTo(201);
        String id = created.data().path("id").asString();
        for (int i = 0; i < 4; i++) {
            platform.publish("category.updated");
        }
        // when the Logs tab is filtered on Pending while they wait (queued at first, then behind the rate limit)
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(200)).until(() -> {
            browser.open("/admin/webhooks/" + id + "/logs?status=pending");
            return browser.find(By.id("deliveries")).getText().contains("rate limited until ");
        });
        // then the rows say why they wait
        assertThat(browser.all(By.cssSelector("#deliveries tbody tr")).stream().map(org.openqa.selenium.WebElement::getText))
                .allSatisfy(row -> assertThat(row).startsWith("category.updated").contains("Pending"))
                .anySatisfy(row -> assertThat(row).contains("rate limited until "));
        browser.assertAccessible();
        // and once sent, none is pending any more
        await().atMost(DELIVERY).until(() -> platform.received(path, "category.updated") == 4);
        await().atMost(DELIVERY).until(() -> platform.owner.get("/v4/webhooks/" + id + "/deliveries?status=pending").data().isEmpty());
    }

    @Test
    void shouldRecoverTheFailedDeliveriesOfAWindowOnceTheEndpointIsBack() {
        // given a delivery that failed for good (the default policy does not retry)
        String path = ConsolePlatform.path();
        String id = platform.webhook(path, "[\"import.failed\"]");
        platform.receiver.respondWith(path, 500, "broken");
        platform.publish("import.failed");
        await().atMost(DELIVERY).until(() -> platform.owner.get("/v4/webhooks/" + id + "/deliveries?status=failed").data().size() == 1);
        // when the endpoint is back and the last hour is recovered from the Logs tab
        platform.receiver.respondWith(path, 200, "ok");
        browser.open("/admin/webhooks/" + id + "/logs");
        String since = LocalDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.MINUTES).toString();
        browser.driver().executeScript("document.getElementById('since').value = arguments[0]", since);
        browser.click("Recover");
        // then
        assertThat(browser.text()).contains("Recovery queued 1 delivery.");
        await().atMost(DELIVERY).until(() -> platform.received(path, "import.failed") == 2);
        await().atMost(DELIVERY).until(() -> platform.owner.get("/v4/webhooks/" + id + "/deliveries?status=failed").data().isEmpty());
    }
}
