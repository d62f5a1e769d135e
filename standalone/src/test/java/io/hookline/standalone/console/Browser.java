package io.hookline.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by its ChromeDriver: the console's tests use the real
 * browser. Missing binaries fail the tests with how to install them; they never skip. Every page can
 * be checked with axe-core (the webjar) and kept as a screenshot under {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("hookline.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("hookline.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    private Browser(ChromeDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    static Browser start(String baseUrl) throws IOException {
        return start(baseUrl, false);
    }

    /**
     * @param acceptInsecureCerts WebDriver's capability of that name: the browser accepts the platform's
     *     self-signed test certificate (for a console served over HTTPS), with no command-line flag that would
     *     also weaken other checks
     */
    static Browser start(String baseUrl, boolean acceptInsecureCerts) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The console's browser tests need Chromium at " + CHROMIUM + " and ChromeDriver at "
                    + CHROMEDRIVER + ". Install them with `apt-get install -y chromium chromium-driver` (./hookline test does that "
                    + "where they are missing), or point -Dhookline.test.chromium and -Dhookline.test.chromedriver at them.");
        }
        Path profile = Files.createTempDirectory("hookline-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the network is closed: without the background-networking flags Chromium floods refused connections
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--window-size=1280,1000", "--user-data-dir=" + profile);
        // the page's console, so that a test can see what a Content-Security-Policy refused
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.setAcceptInsecureCerts(acceptInsecureCerts);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90)).scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile, baseUrl);
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** The button (or link styled as one) with exactly this text. */
    WebElement button(String text) {
        return driver.findElement(By.xpath("//button[normalize-space()='" + text + "'] | //a[normalize-space()='" + text + "']"));
    }

    boolean hasButton(String text) {
        return !driver.findElements(By.xpath("//button[normalize-space()='" + text + "'] | //a[normalize-space()='" + text + "']")).isEmpty();
    }

    /** Clicks the button or link with this text and waits for the page it leads to. */
    void click(String text) {
        follow(button(text));
    }

    /**
     * Clicks what navigates (a link, a form's button) and waits until the next page has loaded. The
     * current page's window is marked first: a navigation replaces the window, so the mark's absence
     * proves the new document. (Waiting for the old {@code <html>} to go stale instead races Chromium,
     * which may answer a check on a node of the unloading document with an inspector error rather than
     * a stale reference.)
     */
    void follow(WebElement element) {
        driver.executeScript("window.hooklineLeaving = true;");
        element.click();
        try {
            new WebDriverWait(driver, Duration.ofSeconds(90))
                    .ignoring(WebDriverException.class)
                    .until(d -> Boolean.TRUE.equals(driver.executeScript(
                            "return window.hooklineLeaving === undefined && document.readyState === 'complete';")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("No next page within 90 s of the click; still at " + driver.getCurrentUrl() + ", page left: "
                    + driver.executeScript("return window.hooklineLeaving === undefined;") + ", readyState "
                    + driver.executeScript("return document.readyState;") + ", invalid form fields: "
                    + driver.executeScript("return Array.from(document.querySelectorAll(':invalid')).map(e => e.id || e.name).join(',');")
                    + ", screenshot " + screenshot("stuck-" + System.nanoTime()), e);
        }
    }

    /** The form control whose label reads exactly this. */
    WebElement labelled(String label) {
        WebElement element = driver.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return driver.findElement(By.id(element.getDomAttribute("for")));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void signIn(String apiKey) {
        open("/admin/sign-in");
        labelled("API key").sendKeys(apiKey);
        click("Sign in");
    }

    void signOut() {
        click("Sign out");
    }

    /** Runs axe-core in the page: no serious or critical violation may be found. */
    @SuppressWarnings("unchecked")
    void assertAccessible() {
        driver.executeScript(axeSource());
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        // the document's own address: the page may be a frame, whose address is not the window's
        assertThat((List<String>) result).as("axe-core on " + driver.executeScript("return location.href;")).isEmpty();
    }

    /** What pages logged as errors since the last call (a Content-Security-Policy's refusals among them). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** Keeps the page as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs fetch() in the page (same origin, with its cookies), as a forged request would: the answer's status. */
    int fetchStatus(String method, String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        Object status = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {method: arguments[1], body: arguments[2], redirect: 'manual',"
                + " headers: {'Content-Type': 'application/x-www-form-urlencoded'}}).then(r => done(r.status)).catch(e => done(-1));",
                path, method, body.toString());
        return ((Number) status).intValue();
    }

    private static String axeSource() {
        try (InputStream in = Browser.class.getResourceAsStream(AXE)) {
            if (in == null) {
                throw new IllegalStateException("axe-core is not on the test classpath at " + AXE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
