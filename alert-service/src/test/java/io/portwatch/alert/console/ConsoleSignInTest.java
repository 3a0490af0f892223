package io.portwatch.alert.console;

import io.portwatch.testing.ConsoleBrowser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import java.net.URL;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The console's sign-in through a real OIDC provider (Keycloak, {@link KeycloakResource}) in a real headless Chromium:
 * the console sends the browser to the provider's login page, comes back signed in with the roles of the user's
 * groups, hands the page a bearer token the API judges as before (an analyst may act on findings, not revoke a probe),
 * and signs out at the provider too. The API itself never redirects and never takes the session cookie.
 */
@QuarkusTest
@TestProfile(ConsoleSignInTest.SignInThroughKeycloak.class)
class ConsoleSignInTest {

    /** alert-service with the console's OIDC sign-in against a Keycloak of its own. */
    public static class SignInThroughKeycloak implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KeycloakResource.class, Map.of(), true));
        }
    }

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final String ACT = "{\"reason\":\"checked in the sign-in test\"}";

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realm;

    @TestHTTPResource("/console/")
    URL console;

    @Test
    void anAnonymousConsoleRequestGoesToTheProviderWithPkceAndASafeStateCookie() {
        Response response = given().redirects().follow(false).get("/console/");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).startsWith(realm + "/protocol/openid-connect/auth?")
                .contains("client_id=portwatch-console", "code_challenge_method=S256", "response_type=code");
        String stateCookie = response.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("q_auth")).findFirst()
                .orElseThrow();
        // Quarkus OIDC 3.33 sets no HttpOnly on the state cookie (its value is encrypted, and it lives 5 minutes).
        assertThat(stateCookie).contains("SameSite=Lax", "Path=/console", "Max-Age=300");
    }

    @Test
    void theApiStillAnswersProblemsNotRedirects() {
        given().redirects().follow(false).contentType("application/json").body(ACT)
                .post("/api/v1/findings/{id}/acknowledge", "no-such-finding")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        given().redirects().follow(false).get("/console/session").then().statusCode(302);
    }

    @Test
    void aViewerAndAnAnalystSignInThroughTheProviderAndSignOutThere() {
        try (ConsoleBrowser browser = ConsoleBrowser.start(console.toString(), SCREENSHOTS)) {
            signIn(browser, KeycloakResource.VIEWER, KeycloakResource.VIEWER_PASSWORD, true);
            browser.awaitText("#who", "vera (viewer)");
            Set<Cookie> session = sessionCookies(browser);
            assertThat(session).isNotEmpty().allSatisfy(cookie -> {
                assertThat(cookie.isHttpOnly()).isTrue();
                assertThat(cookie.getSameSite()).isEqualTo("Lax");
                assertThat(cookie.getPath()).isEqualTo("/console");
            });
            assertThat(browser.script("return document.cookie")).as("the session cookie is not the page's").isEqualTo("");
            given().auth().oauth2(pageToken(browser)).contentType("application/json").body(ACT)
                    .post("/api/v1/findings/{id}/acknowledge", "no-such-finding").then().statusCode(403);

            signOut(browser);
            signIn(browser, KeycloakResource.ANALYST, KeycloakResource.ANALYST_PASSWORD, false);
            browser.awaitText("#who", "dana (analyst)");
            browser.screenshot("signed-in-through-oidc");
            String token = pageToken(browser);
            // The analyst's token passes the analyst's check (the finding is unknown) and fails the fleet admin's.
            given().auth().oauth2(token).contentType("application/json").body(ACT)
                    .post("/api/v1/findings/{id}/acknowledge", "no-such-finding").then().statusCode(404);
            given().auth().oauth2(token).post("/api/v1/probes/{id}/revoke", "p-none").then().statusCode(403)
                    .contentType("application/problem+json");

            signOut(browser);
            browser.driver().get(console.toString());
            await().atMost(ConsoleBrowser.DEADLINE).until(() -> onLoginPage(browser));
        }
    }

    /** Opens the console, is sent to the provider's login page, signs in there and waits for the console. */
    private void signIn(ConsoleBrowser browser, String user, String password, boolean open) {
        if (open) {
            browser.driver().get(console + "#/overview");
        }
        await().atMost(ConsoleBrowser.DEADLINE).ignoreExceptions().until(() -> onLoginPage(browser));
        if (open) {
            browser.screenshot("oidc-provider-login");
        }
        browser.driver().findElement(By.id("username")).sendKeys(user);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.id("kc-login")).click();
        await().atMost(ConsoleBrowser.DEADLINE).ignoreExceptions()
                .until(() -> browser.driver().getCurrentUrl().startsWith(console.toString()) && browser.text("#who").startsWith(user));
    }

    /** Signs out with the page's button: the console's session and the provider's end, and the login page shows. */
    private void signOut(ConsoleBrowser browser) {
        browser.driver().findElement(By.cssSelector("#login summary")).click();
        browser.driver().findElement(By.id("logout")).click();
        await().atMost(ConsoleBrowser.DEADLINE).ignoreExceptions().until(() -> onLoginPage(browser));
    }

    private boolean onLoginPage(ConsoleBrowser browser) {
        return browser.driver().getCurrentUrl().startsWith(realm + "/protocol/openid-connect/auth")
                && browser.driver().findElement(By.id("kc-login")).isDisplayed();
    }

    private static String pageToken(ConsoleBrowser browser) {
        return (String) browser.script("return sessionStorage.getItem('portwatch.token')");
    }

    private static Set<Cookie> sessionCookies(ConsoleBrowser browser) {
        Set<Cookie> cookies = new HashSet<>(browser.driver().manage().getCookies());
        cookies.removeIf(cookie -> !cookie.getName().startsWith("q_session"));
        return cookies;
    }
}
