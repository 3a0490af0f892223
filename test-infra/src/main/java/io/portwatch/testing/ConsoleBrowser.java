package io.portwatch.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The operator console in a real headless Chromium: Debian's {@code chromium} driven through Debian's
 * {@code chromedriver} (Selenium), never a downloaded browser. Each instance is its own browser context (its own
 * profile and driver service), so two of them are two users' screens.
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** How long any wait for the page lasts. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);

    private final String console;
    private final Path profile;
    private final Path screenshots;
    private final WebDriver driver;

    private ConsoleBrowser(String console, Path profile, Path screenshots, WebDriver driver) {
        this.console = console;
        this.profile = profile;
        this.screenshots = screenshots;
        this.driver = driver;
    }

    /**
     * Starts a browser for the console at {@code consoleUrl} (ending in {@code /console/}) that saves screenshots to
     * {@code screenshots}.
     *
     * @throws IllegalStateException naming the Debian packages when the browser or its driver is missing
     */
    public static ConsoleBrowser start(String consoleUrl, Path screenshots) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromedriver: "
                    + "apt-get install chromium chromium-driver (deploy/local/prerequisites.sh installs them)");
        }
        try {
            Files.createDirectories(screenshots);
            Path profile = Files.createTempDirectory("console-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // As INFRA-NOTES says: headless, and no background connections the closed network would refuse.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1280,900", "--user-data-dir=" + profile);
            // A driver service of its own: quitting a browser stops its service.
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            return new ConsoleBrowser(consoleUrl, profile, screenshots, new ChromeDriver(service, options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Goes to a route ({@code #/...}) and waits until the console has rendered it (it marks main with the route it finished). */
    public void open(String route) {
        driver.get(console + route);
        await().atMost(DEADLINE).ignoreExceptions()
                .until(() -> route.equals(driver.findElement(By.id("view")).getAttribute("data-ready")));
    }

    /** Pastes a bearer token into the sign-in form and waits until the page names the user. */
    public void signIn(String token) {
        if (!driver.getCurrentUrl().startsWith(console)) {
            open("#/overview");
        }
        WebElement login = driver.findElement(By.id("login"));
        if (login.getAttribute("open") == null) {
            driver.findElement(By.cssSelector("#login summary")).click();
        }
        WebElement field = driver.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        await().atMost(DEADLINE).until(() -> !driver.findElement(By.id("who")).getText().startsWith("Not signed in"));
    }

    /** The rows of the findings list on screen. */
    public List<WebElement> rows() {
        return driver.findElements(By.cssSelector("#findings-table tbody tr"));
    }

    /** The visible text of the first element matching a CSS selector. */
    public String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** Waits until the element's text contains {@code expected}. */
    public void awaitText(String css, String expected) {
        await().atMost(DEADLINE).ignoreExceptions().until(() -> text(css).contains(expected));
    }

    public Object script(String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    /** Saves what the browser shows as {@code <name>.png}. */
    public void screenshot(String name) {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
