package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page's passkey upgrade in Chromium: after a password sign-in it begins a conditional create
 * and, where the browser answers it, verifies and lists the new passkey.
 *
 * <p>Chromium 156 headless reports {@code conditionalCreate: true} but leaves the request pending: its
 * password manager has no recently used password for the site in a fresh profile, and WebDriver cannot
 * give it one. So the first test shows the page makes the call with {@code mediation: "conditional"}
 * (and that it stays pending, as a real browser leaves it when it declines), and the second lets the
 * virtual authenticator answer the same options through a plain create, to run the page's whole path
 * with a credential Chromium made. The silent answer itself (UP=0, UV=0) and the server's window are
 * tested with the software authenticator (DemoUpgradePrfIconsTest, ConditionalCreateTest).
 */
class BrowserUpgradeTest {

    @RegisterExtension
    static final DemoInChromium DEMO = new DemoInChromium("browser-upgrade");

    private static final String PASSWORD = "correct horse battery";

    private String signedUpAndOut() {
        String login = "upgrade-" + UUID.randomUUID() + "@acme.test";
        DemoPage page = DEMO.page();
        page.signUp(login, "Uma", PASSWORD);
        page.withoutAutofill().signOut();
        return login;
    }

    @Test
    void afterAPasswordSignInThePageAsksTheBrowserForAConditionalCreate() {
        DEMO.chromium().addAuthenticator();
        String login = signedUpAndOut();
        DemoPage page = DEMO.page();
        page.signInWithPassword(login, PASSWORD);
        assertThat(page.status()).contains("Signed in with your password");
        try {
            new WebDriverWait(DEMO.chromium().driver, Duration.ofSeconds(20)).until(d -> page.log().stream()
                    .anyMatch(l -> l.contains("navigator.credentials.create({mediation: \"conditional\"})")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page's log: " + page.log(), e);
        }
        assertThat(page.rows()).as("the browser declined (it has no saved password): nothing was added").isEmpty();
        // the pending upgrade gives way to the user's own "Add a passkey"
        page.addPasskey("Laptop");
        assertThat(page.names()).containsExactly("Laptop");
    }

    @Test
    void whenTheBrowserAnswersTheUpgradeThePageVerifiesAndListsThePasskey() {
        DEMO.chromium().addAuthenticator();
        String login = signedUpAndOut();
        // the browser's answer, as a password manager would give it: the same options, created at once
        ((JavascriptExecutor) DEMO.chromium().driver).executeScript("""
                const create = navigator.credentials.create.bind(navigator.credentials);
                navigator.credentials.create = (request) => {
                  if (request.mediation !== 'conditional') { return create(request); }
                  const { mediation, ...rest } = request;
                  window.upgradeAsked = true;
                  return create(rest);
                };""");
        DemoPage page = DEMO.page();
        page.signInWithPassword(login, PASSWORD);
        new WebDriverWait(DEMO.chromium().driver, Duration.ofSeconds(30))
                .until(d -> page.names().contains("Passkey (added after a password sign-in)"));
        assertThat(((JavascriptExecutor) DEMO.chromium().driver).executeScript("return window.upgradeAsked === true"))
                .isEqualTo(true);
        // and it signs in, as any passkey
        page.withoutAutofill().signOut();
        page.signIn(login);
        assertThat(page.signedInAs()).contains(login);
    }

    @Test
    void aBrowserWithoutConditionalCreateIsNotAskedAndTheSignInStands() {
        DEMO.chromium().addAuthenticator();
        String login = signedUpAndOut();
        ((JavascriptExecutor) DEMO.chromium().driver).executeScript(
                "PublicKeyCredential.getClientCapabilities = () => Promise.resolve({conditionalCreate: false});");
        DemoPage page = DEMO.page();
        page.signInWithPassword(login, PASSWORD);
        new WebDriverWait(DEMO.chromium().driver, Duration.ofSeconds(20)).until(d -> page.log().stream()
                .anyMatch(l -> l.contains("no passkey upgrade: this browser has no conditional create")));
        assertThat(page.signedInAs()).contains(login);
        assertThat(page.rows()).isEmpty();
    }
}
