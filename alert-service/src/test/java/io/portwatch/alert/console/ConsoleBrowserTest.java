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
import io.portwatch.testing.ConsoleBrowser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.nio.file.Path;
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

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Duration DEADLINE = ConsoleBrowser.DEADLINE;

    static final PortKey WEBADMIN = new PortKey(Transport.TCP, 311);
    static final PortKey EPPC = new PortKey(Transport.TCP, 3031);
    static final PortKey ARMS = new PortKey(Transport.UDP, 3283);
    /** Markup, quotes and an (escaped, as the contract carries it) terminal escape: all must show as typed. */
    static final String HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>\"'\\x1b[31m";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/console/")
    URL console;

    @Test
    void anAnalystFindsFiltersReadsAndActsWhileAViewerIsRefused() {
        String prefix = "web-" + UUID.randomUUID().toString().substring(0, 6);
        String ard = prefix + "-ard";
        String hostile = prefix + "-evil";
        try (AlertFlow flow = seed(prefix); ConsoleBrowser browser = ConsoleBrowser.start(console.toString(), SCREENSHOTS)) {
            browser.signIn(Tokens.viewer());
            browser.open("#/overview");
            browser.awaitText("main", "Top exposed services");
            assertThat(browser.text("main")).contains("3283/udp", "amplification-reflector", "plaintext-admin");
            browser.screenshot("overview");

            browser.open("#/findings?q=" + prefix);
            browser.driver().findElement(By.cssSelector("select[name=severity] option[value=CRITICAL]")).click();
            browser.driver().findElement(By.cssSelector("form.filters button[type=submit]")).click();
            await().atMost(DEADLINE).ignoreExceptions().until(() -> browser.driver().getCurrentUrl().contains("severity=CRITICAL")
                    && browser.rows().size() == 1);
            assertThat(browser.rows().get(0).getText()).contains("CRITICAL", "3283/udp");
            browser.screenshot("findings");

            browser.rows().get(0).findElement(By.cssSelector("a.finding-link")).click();
            browser.awaitText(".evidence", "1,034 bytes to a 32-byte request");
            assertThat(browser.text(".evidence")).contains("ratio 32.3", "arms-status");
            assertThat(browser.text("#no-role")).contains("needs the role analyst", "vera", "viewer");
            assertThat(browser.driver().findElement(By.id("action-acknowledge")).isEnabled()).isFalse();
            browser.screenshot("finding-as-viewer");
            // The page only mirrors the server: forced past the disabled button, the server refuses.
            browser.script(
                    "document.getElementById('reason').disabled = false; document.getElementById('reason').value = 'try';"
                    + "document.getElementById('action-acknowledge').disabled = false;");
            browser.driver().findElement(By.id("action-acknowledge")).click();
            browser.awaitText("#status", "403");

            // A second browser context (its own profile: another analyst's screen) watches the list, live.
            try (ConsoleBrowser watcher = ConsoleBrowser.start(console.toString(), SCREENSHOTS)) {
                // ./portwatch login's link: the token in the fragment, taken and then removed from the URL.
                watcher.driver().get(console + "#/login?token=" + Tokens.viewer());
                await().atMost(DEADLINE).ignoreExceptions().until(() -> watcher.text("#who").startsWith("vera")
                        && watcher.driver().getCurrentUrl().endsWith("#/overview"));
                watcher.open("#/findings?q=" + ard);
                await().atMost(DEADLINE).ignoreExceptions().until(() -> watcher.rows().size() == 1
                        && "live".equals(watcher.text("#live-status")));
                assertThat(watcher.rows().get(0).getText()).contains("OPEN");
                watcher.script("window.portwatchNotReloaded = true;");

                browser.signIn(Tokens.analyst());
                browser.awaitText("#actions-heading", "Actions");
                browser.driver().findElement(By.id("reason")).sendKeys("ticket SEC-7: ARD closed at the firewall");
                browser.driver().findElement(By.id("action-acknowledge")).click();
                browser.awaitText("#history", "ticket SEC-7: ARD closed at the firewall");
                assertThat(browser.text(".labels")).contains("ACKNOWLEDGED");
                assertThat(browser.text("#history")).contains("dana");
                browser.screenshot("finding-acknowledged");

                await().atMost(DEADLINE).ignoreExceptions().until(() -> watcher.rows().get(0).getText().contains("ACKNOWLEDGED"));
                assertThat(watcher.rows().get(0).getAttribute("class")).contains("changed");
                assertThat(watcher.script("return window.portwatchNotReloaded === true;"))
                        .as("the change arrived without a reload").isEqualTo(true);
                watcher.driver().findElement(By.cssSelector("#live summary")).click();
                assertThat(watcher.text("#live-list")).contains("acknowledged", ard);
                watcher.screenshot("findings-live");
            }

            browser.open("#/findings?q=" + prefix + "&limit=2");
            await().atMost(DEADLINE).ignoreExceptions().until(() -> browser.rows().size() == 2);
            List<String> firstPage = browser.rows().stream().map(WebElement::getText).toList();
            browser.driver().findElement(By.id("next-page")).click();
            browser.awaitText("#result-count", "page 2");
            await().atMost(DEADLINE).ignoreExceptions().until(() -> !browser.rows().isEmpty());
            assertThat(browser.rows().stream().map(WebElement::getText).toList()).doesNotContainAnyElementsOf(firstPage);

            browser.open("#/findings?q=" + hostile + "&rule=unexpected-process");
            await().atMost(DEADLINE).ignoreExceptions().until(() -> browser.rows().size() == 1);
            assertThat(browser.rows().get(0).getText()).contains(HOSTILE);
            browser.rows().get(0).findElement(By.cssSelector("a.finding-link")).click();
            browser.awaitText(".process-name", "onerror");
            assertThat(browser.driver().findElement(By.cssSelector(".process-name")).getText()).isEqualTo(HOSTILE);
            assertThat(browser.driver().findElements(By.cssSelector("main img, main script"))).isEmpty();
            assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            browser.screenshot("hostile-process-name");

            browser.driver().manage().window().setSize(new Dimension(390, 844));
            browser.open("#/findings?q=" + prefix);
            await().atMost(DEADLINE).ignoreExceptions().until(() -> !browser.rows().isEmpty());
            browser.screenshot("findings-phone");
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
}
