package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "Add a passkey on another device" in real browsers: the link is made in one Chromium and opened in
 * another, fresh one (its own profile, its own virtual authenticator), which registers without being
 * signed in; the first browser's list then shows the passkey.
 */
class BrowserLinkTest {

    private static DemoServer server;
    private static Chromium signedIn;

    @BeforeAll
    static void start() throws IOException {
        server = DemoServer.start(DemoOptions.defaults().withPort(0)
                .withJdbcUrl("jdbc:h2:mem:browser-link-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        signedIn = Chromium.start();
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (signedIn != null) {
                signedIn.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static Object script(Chromium browser, String js) {
        return ((JavascriptExecutor) browser.driver).executeScript(js);
    }

    @Test
    void whenALinkMadeInOneBrowserIsOpenedInAFreshOneThenItRegistersThereAndTheFirstBrowsersListShowsThePasskey()
            throws IOException {
        String loginName = "alice-" + UUID.randomUUID() + "@acme.test";
        DemoPage page = new DemoPage(signedIn.driver, server.uri()).openFresh();
        page.signUp(loginName, "Alice");
        signedIn.addAuthenticator();
        page.addPasskey("Laptop");

        String link = page.makeLink();

        assertThat(link).startsWith(server.origin() + "/register?userID=").contains("&codeID=").contains("&code=");
        String code = link.substring(link.indexOf("&code=") + "&code=".length());
        assertThat(page.status()).isEqualTo("Link made. Copy it to your other device.");
        assertThat((String) script(signedIn, "return document.getElementById('api-log').textContent"))
                .contains("POST /auth/v1/users/me/passwordless/_link").doesNotContain(code);

        try (Chromium other = Chromium.start()) {
            other.addAuthenticator();
            RegisterPage register = new RegisterPage(other.driver).open(link);
            assertThat(other.driver.getCurrentUrl()).as("the code is taken out of the address and the history")
                    .isEqualTo(server.origin() + "/register");

            register.register("Phone");

            assertThat(register.error()).isEmpty();
            assertThat(register.status()).isEqualTo("Passkey \"Phone\" added.");
            assertThat(register.done()).isEqualTo("The passkey \"Phone\" was added to the account " + loginName
                    + ". This device is not signed in.");
            assertThat(register.logWithBodies()).contains("POST /v2/users/").doesNotContain(code);
            assertThat(script(other, "return localStorage.getItem('passkey4j-demo.session')")).isNull();

            // follow the link as a click on it does (a script click on the anchor: a pointer click can land
            // beside it while the section just shown is still being laid out, and then nothing navigates)
            ((JavascriptExecutor) other.driver).executeScript("arguments[0].click()",
                    other.driver.findElement(By.linkText("Go to the demo")));
            // the demo page shows its sign-in form, or, when the virtual authenticator answered the page's
            // conditional request with the new passkey before the first look, is signed in already
            new WebDriverWait(other.driver, Duration.ofSeconds(30))
                    .until(d -> d.getCurrentUrl().equals(server.origin() + "/")
                            && (d.findElement(By.id("signin")).isDisplayed() || d.findElement(By.id("account")).isDisplayed()));
            assertThat(script(other, "return document.referrer")).as("no Referer leaves the register page").isEqualTo("");
        }

        page.reload();
        assertThat(page.names()).containsExactly("Laptop", "Phone");
    }

    @Test
    void whenALinkIsUsedOrIncompleteThenTheRegisterPageSaysSoAndMakesNoPasskey() throws IOException {
        String loginName = "bob-" + UUID.randomUUID() + "@acme.test";
        DemoPage page = new DemoPage(signedIn.driver, server.uri()).openFresh();
        page.signUp(loginName, "Bob");
        String link = page.makeLink();

        try (Chromium other = Chromium.start()) {
            other.addAuthenticator();
            new RegisterPage(other.driver).open(link).register("Tablet");
            RegisterPage again = new RegisterPage(other.driver).open(link);

            again.register("Second tablet");

            assertThat(again.error()).isEqualTo("This link does not work (any more): the registration code was used already. "
                    + "A link works once, within an hour, and three wrong tries block it. Make a new one on the device "
                    + "where you are signed in. PASSKEY-CODE-INVALID");
            String userId = link.substring(link.indexOf("userID=") + "userID=".length(), link.indexOf("&orgID="));
            assertThat(again.log()).contains("POST /v2/users/" + userId + "/passkeys \u2192 400");

            RegisterPage incomplete = new RegisterPage(other.driver).open(server.origin() + "/register?userID=1");
            assertThat(incomplete.showsForm()).isFalse();
            assertThat(incomplete.error()).startsWith("This page adds a passkey with a one-time link, and the link it was "
                    + "opened with is incomplete.");
        }
        page.reload();
        assertThat(page.names()).containsExactly("Tablet");
    }
}
