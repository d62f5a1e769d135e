package io.hookline.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Docs and execute webhooks in real Chromium against the whole platform (real python3 under bwrap):
 * a doc created with its Python dataset, run with a payload and a variable, and its execution log
 * found by the executionId of the result, with the variable's value redacted.
 */
class ConsoleDocsIT {

    @RegisterExtension
    static final ConsolePlatform platform = new ConsolePlatform();

    // a test instance is made after the platform started
    private final Browser browser = platform.browser;

    @Test
    void shouldCreateADocRunItAndShowTheExecutionLogByItsId() {
        // given
        browser.signIn(platform.ownerKey);
        browser.click("Docs");
        browser.assertAccessible();
        // when a doc is created with one dataset
        browser.labelled("Name").sendKeys("Greeting");
        browser.labelled("Dataset key").sendKeys("hello");
        browser.labelled("Python code").sendKeys("import json, os\n"
                + "payload = json.load(open(os.environ['WEBHOOK_DATA_FILE']))\n"
                + "print('hello', payload['name'], os.environ['GREETING_TOKEN'])\n");
        browser.click("Create doc");
        assertThat(browser.text()).contains("Doc created.");
        assertThat(browser.find(By.id("code-0")).getDomProperty("value")).contains("print('hello'");
        // and run with a payload and a variable
        browser.labelled("Payload (JSON)").sendKeys("{\"name\": \"Ada\"}");
        browser.labelled("Environment variables").sendKeys("GREETING_TOKEN=tok-very-secret-42");
        browser.click("Run");
        // then the result names its execution, whose log shows the output with the variable redacted
        assertThat(browser.find(By.id("results")).getText()).contains("hello").contains("Success");
        browser.assertAccessible();
        browser.screenshot("doc");
        browser.follow(browser.find(By.cssSelector("#results a")));
        assertThat(browser.find(By.id("execution-status")).getText()).isEqualTo("succeeded");
        assertThat(browser.find(By.id("stdout")).getText()).startsWith("hello Ada").doesNotContain("tok-very-secret-42");
        browser.assertAccessible();
        browser.screenshot("execution");
    }
}
