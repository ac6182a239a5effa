package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Sign-in with a passkey through the page in a real browser: Debian's Chromium with Selenium's virtual
 * authenticators, username-first, usernameless and through the login name field's autofill.
 */
class BrowserSignInTest {

    @RegisterExtension
    static final DemoInChromium DEMO = new DemoInChromium("browser-signin");

    private Chromium chromium;
    private DemoPage page;

    @BeforeEach
    void bind() {
        chromium = DEMO.chromium();
        page = DEMO.page();
    }

    private static String newLoginName(String who) {
        return who + "-" + UUID.randomUUID() + "@acme.test";
    }

    @Test
    void whenAPersonSignsOutThenSignsInUsernameFirstAndUsernamelessWithTheSameAuthenticatorThenTheListShowsTheLastUse() {
        String loginName = newLoginName("alice");
        page.signUp(loginName, "Alice");
        chromium.addAuthenticator();
        page.addPasskey("Laptop");
        assertThat(page.lastUsedTimes()).containsExactly("Never");

        page.withoutAutofill().signOut();
        assertThat(page.showsSignIn()).isTrue();
        assertThat(page.status()).isEqualTo("Signed out.");

        page.signIn(loginName);

        assertThat(page.error()).isEmpty();
        assertThat(page.status()).isEqualTo("Signed in as Alice (" + loginName + ") with a passkey.");
        assertThat(page.signedInAs()).isEqualTo("Alice (" + loginName + ")");
        List<String> afterUsernameFirst = page.lastUsedTimes();
        assertThat(afterUsernameFirst).singleElement().asString().matches(DemoApiTest.TIMESTAMP);
        assertThat(page.names()).containsExactly("Laptop");

        page.signOut();
        page.signInWithPasskey();

        assertThat(page.error()).isEmpty();
        assertThat(page.signedInAs()).isEqualTo("Alice (" + loginName + ")");
        List<String> afterUsernameless = page.lastUsedTimes();
        assertThat(afterUsernameless).singleElement().asString().matches(DemoApiTest.TIMESTAMP)
                .isGreaterThan(afterUsernameFirst.get(0));
        assertThat(page.log()).contains("PATCH /v2/sessions/" + sessionId() + " \u2192 200");
    }

    @Test
    void whenThePersonPicksAPasskeyFromTheLoginNameFieldsSuggestionsThenTheAutofillRequestSignsThemIn() {
        String loginName = newLoginName("bob");
        page.signUp(loginName, "Bob");
        chromium.addAuthenticator();
        page.addPasskey("Phone");

        // signed out, the page waits for a pick from the field's suggestions; the virtual authenticator picks at once
        chromium.driver.findElement(By.id("signout")).click();
        waiting().until(d -> page.status().startsWith("Signed in as"));

        assertThat(page.error()).isEmpty();
        assertThat(page.signedInAs()).isEqualTo("Bob (" + loginName + ")");
        assertThat(page.lastUsedTimes()).singleElement().asString().matches(DemoApiTest.TIMESTAMP);
        assertThat(page.log()).contains("browser: navigator.credentials.get({mediation: \"conditional\"}) with the browser's "
                + "PublicKeyCredential.parseRequestOptionsFromJSON()");
        assertThat(chromium.driver.findElement(By.id("signin-name")).getAttribute("autocomplete"))
                .isEqualTo("username webauthn");
    }

    @Test
    void whenThePersonChoosesAButtonWhileTheAutofillRequestWaitsThenItIsAbortedAndTheButtonsRequestSignsIn() {
        String loginName = newLoginName("carol");
        page.signUp(loginName, "Carol");
        chromium.addAuthenticator();
        page.addPasskey("Laptop");
        // a real browser's autofill request waits until the person picks a suggestion or the page aborts it;
        // the virtual authenticator answers at once, so the page's autofill request gets a stand-in that waits
        script("""
                const get = navigator.credentials.get.bind(navigator.credentials);
                window.autofillAborted = false;
                navigator.credentials.get = (options) => options.mediation !== 'conditional' ? get(options)
                    : new Promise((resolve, reject) => options.signal.addEventListener('abort', () => {
                        window.autofillAborted = true;
                        reject(new DOMException('aborted', 'AbortError'));
                      }));
                """);
        page.signOut();
        waiting().until(d -> page.log().get(0).startsWith("browser: navigator.credentials.get({mediation: \"conditional\"})"));

        page.signInWithPasskey();

        assertThat(page.error()).isEmpty();
        assertThat(page.signedInAs()).isEqualTo("Carol (" + loginName + ")");
        assertThat(script("return window.autofillAborted")).isEqualTo(true);
        assertThat(page.log()).filteredOn(line -> line.startsWith("POST /v2/sessions \u2192 200")).hasSize(2);
        assertThat(page.log()).contains("browser: navigator.credentials.get() with the browser's "
                + "PublicKeyCredential.parseRequestOptionsFromJSON()");
    }

    @Test
    void whenThePageRemovedThePasskeyThenTheBrowserNoLongerOffersIt() {
        // the page passes the DELETE answer's allAcceptedCredentials signal to the browser, whose authenticator
        // forgets the passkey (before the Signal API it was offered and the server refused it: BrowserSignalTest)
        page.signUp(newLoginName("dave"), "Dave");
        chromium.addAuthenticator();
        page.addPasskey("Old laptop");
        page.remove("Old laptop");
        page.withoutAutofill().signOut();

        page.signInWithPasskey();

        assertThat(page.showsSignIn()).isTrue();
        assertThat(page.error()).startsWith("No passkey was used");
    }

    @Test
    void whenNoPasskeyOnTheDeviceCanAnswerThenThePageExplainsTheNotAllowedError() {
        page.withoutAutofill();
        chromium.addAuthenticator();

        page.signInWithPasskey();

        assertThat(page.showsSignIn()).isTrue();
        assertThat(page.error()).startsWith("No passkey was used: the request was cancelled or timed out, or no passkey "
                + "for this site is on this device");
        assertThat(page.log()).contains("browser: the browser refused: NotAllowedError");
    }

    @Test
    void whenTheLoginNameIsUnknownOrHasNoPasskeyThenThePageSaysSo() {
        String unknown = newLoginName("nobody");
        String withoutPasskey = newLoginName("erin");
        page.signUp(withoutPasskey, "Erin");
        page.withoutAutofill().signOut();

        page.signIn(unknown);
        String unknownError = page.error();
        page.signIn(withoutPasskey);

        assertThat(unknownError).isEqualTo("No account has the login name \"" + unknown + "\". Check it, or sign up below. "
                + "DEMO-USER-NOT-FOUND");
        assertThat(page.error()).isEqualTo("The account \"" + withoutPasskey + "\" has no passkey yet, so it cannot sign in "
                + "with one. PASSKEY-NO-PASSKEYS");
    }

    @Test
    void whenTheBrowserLacksTheJsonHelpersThenThePagesFallbackSignsIn() {
        String loginName = newLoginName("frank");
        page.signUp(loginName, "Frank");
        chromium.addAuthenticator();
        page.addPasskey("Laptop");
        page.withoutAutofill().signOut();
        ((JavascriptExecutor) chromium.driver).executeScript(
                "delete PublicKeyCredential.parseRequestOptionsFromJSON; delete PublicKeyCredential.prototype.toJSON;");

        page.signIn(loginName);

        assertThat(page.error()).isEmpty();
        assertThat(page.signedInAs()).isEqualTo("Frank (" + loginName + ")");
        assertThat(page.log()).anySatisfy(line -> assertThat(line).contains("lacks parseRequestOptionsFromJSON()"))
                .anySatisfy(line -> assertThat(line).contains("lacks PublicKeyCredential.toJSON()"));
    }

    private Object script(String js) {
        return ((JavascriptExecutor) chromium.driver).executeScript(js);
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(chromium.driver, Duration.ofSeconds(30));
    }

    private String sessionId() {
        return (String) ((JavascriptExecutor) chromium.driver)
                .executeScript("return JSON.parse(localStorage.getItem('passkey4j-demo.session')).sessionId");
    }
}
