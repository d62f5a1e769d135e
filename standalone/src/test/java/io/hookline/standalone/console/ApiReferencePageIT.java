package io.hookline.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** /docs in real Chromium: Swagger UI runs under the page's Content-Security-Policy and lists the API's operations. */
class ApiReferencePageIT {

    @RegisterExtension
    static final ConsolePlatform platform = new ConsolePlatform();

    // a test instance is made after the platform started
    private final Browser browser = platform.browser;

    @Test
    void shouldListEveryOperationOfTheDocumentInTheInteractiveReference() {
        // given the number of operations the document names
        int documented = 0;
        for (var item : platform.owner.get("/v4/openapi.json").body().path("paths")) {
            documented += item.propertyNames().stream().filter(m -> List.of("get", "put", "post", "delete", "patch").contains(m)).count();
        }

        // when the reference is opened, offline, without a key
        browser.consoleErrors();
        browser.open("/docs");
        List<WebElement> operations = new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .until(d -> {
                    List<WebElement> found = d.findElements(By.cssSelector(".opblock-summary-path"));
                    return found.size() >= 30 ? found : null;
                });

        // then every operation is listed, the webhooks' among them, and one opens to show its answers
        browser.screenshot("api-reference");
        assertThat(operations).hasSize(documented);
        assertThat(operations).extracting(WebElement::getText).contains("/v4/webhooks", "/v4/webhooks/{id}/deliveries", "/v4/events");
        browser.find(By.cssSelector("#operations-webhooks-createWebhook .opblock-summary")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("operations-webhooks-createWebhook")).getText().contains("422"));
        assertThat(browser.text()).contains("Hookline API").contains("Authorize");
        // and the page's Content-Security-Policy refused nothing it needs
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
