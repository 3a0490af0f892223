package io.portwatch.alert.console;

import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.Tokens;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.ListenerEventType;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The operator console in a real headless Chromium (Debian's {@code chromium} through Debian's {@code chromedriver},
 * never a downloaded browser) against this running alert-service, with the seed findings raised through the real
 * topics: overview, filtering, keyset paging, a finding's evidence, an analyst's action (seen live in a second
 * browser context), a viewer refused, and a hostile process name shown as text. Screenshots of each page go to {@code target/console-screenshots/}.
 */
@QuarkusTest
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Duration DEADLINE = Duration.ofSeconds(20);

    static final PortKey WEBADMIN = new PortKey(Transport.TCP, 311);
    static final PortKey EPPC = new PortKey(Transport.TCP, 3031);
    static final PortKey ARMS = new PortKey(Transport.UDP, 3283);
    /** Markup, quotes and an (escaped, as the contract carries it) terminal escape: all must show as typed. */
    static final String HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>\"'\\x1b[31m";

    static Path profile;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/console/")
    URL console;

    @BeforeAll
    static void checkBrowserAndFolders() throws IOException {
        assertThat(CHROMIUM).as("the browser test needs Debian's chromium: apt-get install chromium chromium-driver").exists();
        assertThat(CHROMEDRIVER).as("the browser test needs Debian's chromedriver: apt-get install chromium-driver").exists();
        profile = Files.createTempDirectory("console-chromium");
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void removeProfiles() throws IOException {
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void anAnalystFindsFiltersReadsAndActsWhileAViewerIsRefused() throws IOException {
        String prefix = "web-" + UUID.randomUUID().toString().substring(0, 6);
        String ard = prefix + "-ard";
        String hostile = prefix + "-evil";
        try (AlertFlow flow = seed(prefix)) {
            WebDriver browser = browser();
            try {
                signIn(browser, Tokens.viewer());
                open(browser, "#/overview");
                awaitText(browser, "main", "Top exposed services");
                assertThat(text(browser, "main")).contains("3283/udp", "amplification-reflector", "plaintext-admin");
                screenshot(browser, "overview");

                open(browser, "#/findings?q=" + prefix);
                browser.findElement(By.cssSelector("select[name=severity] option[value=CRITICAL]")).click();
                browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
                await().atMost(DEADLINE).ignoreExceptions().until(() -> browser.getCurrentUrl().contains("severity=CRITICAL")
                        && rows(browser).size() == 1);
                assertThat(rows(browser).get(0).getText()).contains("CRITICAL", "3283/udp");
                screenshot(browser, "findings");

                rows(browser).get(0).findElement(By.cssSelector("a.finding-link")).click();
                awaitText(browser, ".evidence", "1,034 bytes to a 32-byte request");
                assertThat(text(browser, ".evidence")).contains("ratio 32.3", "arms-status");
                assertThat(text(browser, "#no-role")).contains("needs the role analyst", "vera", "viewer");
                assertThat(browser.findElement(By.id("action-acknowledge")).isEnabled()).isFalse();
                screenshot(browser, "finding-as-viewer");
                // The page only mirrors the server: forced past the disabled button, the server refuses.
                ((JavascriptExecutor) browser).executeScript(
                        "document.getElementById('reason').disabled = false; document.getElementById('reason').value = 'try';"
                        + "document.getElementById('action-acknowledge').disabled = false;");
                browser.findElement(By.id("action-acknowledge")).click();
                awaitText(browser, "#status", "403");

                // A second browser context (its own profile: another analyst's screen) watches the list, live.
                WebDriver watcher = browser();
                try {
                    signIn(watcher, Tokens.viewer());
                    open(watcher, "#/findings?q=" + ard);
                    await().atMost(DEADLINE).ignoreExceptions().until(() -> rows(watcher).size() == 1
                            && "live".equals(text(watcher, "#live-status")));
                    assertThat(rows(watcher).get(0).getText()).contains("OPEN");
                    ((JavascriptExecutor) watcher).executeScript("window.portwatchNotReloaded = true;");

                    signIn(browser, Tokens.analyst());
                    awaitText(browser, "#actions-heading", "Actions");
                    browser.findElement(By.id("reason")).sendKeys("ticket SEC-7: ARD closed at the firewall");
                    browser.findElement(By.id("action-acknowledge")).click();
                    awaitText(browser, "#history", "ticket SEC-7: ARD closed at the firewall");
                    assertThat(text(browser, ".labels")).contains("ACKNOWLEDGED");
                    assertThat(text(browser, "#history")).contains("dana");
                    screenshot(browser, "finding-acknowledged");

                    await().atMost(DEADLINE).ignoreExceptions().until(() -> rows(watcher).get(0).getText().contains("ACKNOWLEDGED"));
                    assertThat(rows(watcher).get(0).getAttribute("class")).contains("changed");
                    assertThat(((JavascriptExecutor) watcher).executeScript("return window.portwatchNotReloaded === true;"))
                            .as("the change arrived without a reload").isEqualTo(true);
                    watcher.findElement(By.cssSelector("#live summary")).click();
                    assertThat(text(watcher, "#live-list")).contains("acknowledged", ard);
                    screenshot(watcher, "findings-live");
                } finally {
                    watcher.quit();
                }

                open(browser, "#/findings?q=" + prefix + "&limit=2");
                await().atMost(DEADLINE).ignoreExceptions().until(() -> rows(browser).size() == 2);
                List<String> firstPage = rows(browser).stream().map(WebElement::getText).toList();
                browser.findElement(By.id("next-page")).click();
                awaitText(browser, "#result-count", "page 2");
                await().atMost(DEADLINE).ignoreExceptions().until(() -> !rows(browser).isEmpty());
                assertThat(rows(browser).stream().map(WebElement::getText).toList()).doesNotContainAnyElementsOf(firstPage);

                open(browser, "#/findings?q=" + hostile + "&rule=unexpected-process");
                await().atMost(DEADLINE).ignoreExceptions().until(() -> rows(browser).size() == 1);
                assertThat(rows(browser).get(0).getText()).contains(HOSTILE);
                rows(browser).get(0).findElement(By.cssSelector("a.finding-link")).click();
                awaitText(browser, ".process-name", "onerror");
                assertThat(browser.findElement(By.cssSelector(".process-name")).getText()).isEqualTo(HOSTILE);
                assertThat(browser.findElements(By.cssSelector("main img, main script"))).isEmpty();
                assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
                screenshot(browser, "hostile-process-name");

                browser.manage().window().setSize(new Dimension(390, 844));
                open(browser, "#/findings?q=" + prefix);
                await().atMost(DEADLINE).ignoreExceptions().until(() -> !rows(browser).isEmpty());
                screenshot(browser, "findings-phone");
            } finally {
                browser.quit();
            }
        }
    }

    /** The three seed findings of the demo, under hosts named with {@code prefix}, and one with a hostile process name. */
    private AlertFlow seed(String prefix) {
        AlertFlow flow = new AlertFlow(bootstrapServers).knowledge(3,
                Fixtures.knowledge(WEBADMIN, ServiceStatus.DEPRECATED, Risk.HIGH, List.of(), null, true),
                Fixtures.knowledge(EPPC, ServiceStatus.LEGACY, Risk.HIGH, List.of("rapportd"), null, false),
                Fixtures.knowledge(ARMS, ServiceStatus.ACTIVE, Risk.CRITICAL, List.of("ARDAgent"), 35.5, false));
        flow.publish(Fixtures.event(ListenerEventType.OPENED, prefix + "-xserve",
                Fixtures.owned(Fixtures.listener(WEBADMIN, "0.0.0.0", Exposure.ALL_INTERFACES), "httpd")));
        flow.publish(Fixtures.event(ListenerEventType.OPENED, prefix + "-mac",
                Fixtures.owned(Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES), "rapportd")));
        flow.publish(Fixtures.event(ListenerEventType.OPENED, prefix + "-ard",
                Fixtures.withEvidence(Fixtures.listener(ARMS, "198.51.100.20", Exposure.REACHABLE),
                        new Evidence("arms-status", 32, 1034, null, null, null, null, null))));
        flow.publish(Fixtures.event(ListenerEventType.OPENED, prefix + "-evil",
                Fixtures.ownedBy(Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES), HOSTILE, "/tmp/.x/evil")));
        flow.awaitFinding(prefix + "-xserve", WEBADMIN, "plaintext-admin", FindingState.OPEN);
        flow.awaitFinding(prefix + "-mac", EPPC, "legacy-service-exposed", FindingState.OPEN);
        flow.awaitFinding(prefix + "-ard", ARMS, "amplification-reflector", FindingState.OPEN);
        flow.awaitFinding(prefix + "-evil", EPPC, "unexpected-process", FindingState.OPEN);
        return flow;
    }

    private WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As INFRA-NOTES says: headless, and no background connections the closed network would refuse.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--user-data-dir=" + profile.resolve(UUID.randomUUID().toString()));
        // A driver service of its own: quitting a browser stops its service.
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(),
                options);
    }

    /** Goes to a route and waits until the console has rendered it (it marks main with the route it finished). */
    private void open(WebDriver browser, String route) {
        browser.get(console + route);
        await().atMost(DEADLINE).ignoreExceptions()
                .until(() -> route.equals(browser.findElement(By.id("view")).getAttribute("data-ready")));
    }

    private void signIn(WebDriver browser, String token) {
        if (!browser.getCurrentUrl().startsWith(console.toString())) {
            open(browser, "#/overview");
        }
        WebElement login = browser.findElement(By.id("login"));
        if (login.getAttribute("open") == null) {
            browser.findElement(By.cssSelector("#login summary")).click();
        }
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        await().atMost(DEADLINE).until(() -> !browser.findElement(By.id("who")).getText().startsWith("Not signed in"));
    }

    private static List<WebElement> rows(WebDriver browser) {
        return browser.findElements(By.cssSelector("#findings-table tbody tr"));
    }

    private static String text(WebDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static void awaitText(WebDriver browser, String css, String expected) {
        await().atMost(DEADLINE).ignoreExceptions().until(() -> text(browser, css).contains(expected));
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
