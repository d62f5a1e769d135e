package io.hookline.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.standalone.HooklineClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The console beyond the webhooks' own pages, in real Chromium: the event catalog and a custom type
 * registered there, users and API keys (a key shown once, revoked), and a session that ends when its
 * key is rotated elsewhere.
 */
class ConsoleCatalogIT {

    @RegisterExtension
    static final ConsolePlatform platform = new ConsolePlatform();

    // a test instance is made after the platform started
    private final Browser browser = platform.browser;

    @Test
    void shouldRegisterACustomTypeThatTestEventsCanSend() {
        // given the catalog
        browser.signIn(platform.ownerKey);
        browser.click("Event types");
        assertThat(browser.find(By.cssSelector("tr[data-type='acronym.created']")).getText()).contains("Acronym").contains("new acronym");
        browser.assertAccessible();
        browser.screenshot("event-types");
        // when a type with a schema that is not JSON is registered, then the form says so
        String type = "invoice.paid_" + UUID.randomUUID().toString().substring(0, 8);
        browser.labelled("Type").sendKeys(type);
        browser.labelled("JSON Schema").clear();
        browser.labelled("JSON Schema").sendKeys("{\"type\": ");
        browser.click("Register");
        assertThat(browser.text()).contains("schema: is not valid JSON");
        // when it is registered with a valid one and a sample
        browser.labelled("Description").sendKeys("An invoice was paid.");
        browser.labelled("JSON Schema").clear();
        browser.labelled("JSON Schema").sendKeys("{\"type\": \"object\", \"required\": [\"amount\"]}");
        browser.labelled("Sample").clear();
        browser.labelled("Sample").sendKeys("{\"amount\": 12}");
        browser.click("Register");
        // then it is in the catalog, and a webhook for all events is sent its sample on Send Test Event
        assertThat(browser.find(By.cssSelector("tr[data-type='" + type + "']")).getText()).contains("Custom").contains("An invoice was paid.");
        String path = ConsolePlatform.path();
        String id = platform.webhook(path, "[\"*\"]");
        browser.open("/admin/webhooks/" + id);
        new Select(browser.labelled("Event type")).selectByVisibleText(type);
        browser.click("Send");
        await().atMost(Duration.ofSeconds(60)).until(() -> platform.received(path, type) == 1);
        assertThat(platform.receiver.requests(path).stream().filter(r -> type.equals(r.header("x-define-event"))).findFirst().orElseThrow().body())
                .contains("\"amount\":12");
    }

    @Test
    void shouldShowANewUsersKeyOnceAndRevokeIt() {
        // given
        browser.signIn(platform.ownerKey);
        browser.click("Users and API keys");
        browser.assertAccessible();
        // when a member is created
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        browser.labelled("Email").sendKeys(email);
        new Select(browser.labelled("Role")).selectByValue("member");
        browser.click("Create user");
        // then their key is shown this once, and works
        String key = browser.find(By.id("new-secret")).getText();
        assertThat(new HooklineClient(platform.hookline.baseUrl(), key).get("/v4/webhooks").status()).isEqualTo(200);
        browser.screenshot("users");
        browser.open("/admin/users");
        assertThat(browser.text()).contains(email).doesNotContain(key);
        // when it is revoked
        browser.follow(browser.find(By.cssSelector("button[aria-label='Revoke key of " + email + "']")));
        // then
        assertThat(browser.text()).contains("Key revoked");
        assertThat(new HooklineClient(platform.hookline.baseUrl(), key).get("/v4/webhooks").status()).isEqualTo(401);
    }

    @Test
    void shouldEndTheSessionOnceItsKeyIsRotatedElsewhere() {
        // given a member signed in
        String memberKey = platform.user("member");
        browser.signIn(memberKey);
        assertThat(browser.path()).isEqualTo("/admin/webhooks");
        // when the owner rotates the member's key through the API
        String memberId = memberKey.substring(0, memberKey.indexOf('-'));
        assertThat(platform.owner.post("/v4/api-keys/" + memberId + "/rotate", "{}").status()).isEqualTo(200);
        // then the member's next page is the sign-in page
        browser.open("/admin/webhooks");
        assertThat(browser.path()).isEqualTo("/admin/sign-in");
    }
}
