package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.DemoPage.Row;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * The demo page in a real browser: Debian's Chromium with Selenium's virtual authenticators (CTAP2,
 * internal transport, resident keys, user verification), through the page as a person uses it.
 */
class BrowserTest {

    @RegisterExtension
    static final DemoInChromium DEMO = new DemoInChromium("browser");

    private DemoServer server;
    private Chromium chromium;
    private ApiClient api;
    private DemoPage page;

    @BeforeEach
    void bind() {
        server = DEMO.server();
        chromium = DEMO.chromium();
        api = new ApiClient(DEMO.server().uri());
        page = DEMO.page();
    }

    private static String newLoginName(String who) {
        return who + "-" + UUID.randomUUID() + "@acme.test";
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) chromium.driver).executeScript(js, args);
    }

    /** The session the page keeps, to check the page's work through the HTTP API. */
    private JsonNode session() throws IOException {
        return ApiClient.JSON.readTree((String) script("return localStorage.getItem('passkey4j-demo.session')"));
    }

    private List<String> namesOnTheServer() throws IOException {
        JsonNode s = session();
        Response list = api.post("/v2/users/" + s.get("userId").asText() + "/passkeys/_search",
                s.get("sessionToken").asText(), Map.of());
        return list.json().get("result").findValuesAsText("name");
    }

    @Test
    void whenAPersonAddsPasskeysFromTwoAuthenticatorsRenamesAndRemovesOneThenTheListShowsItAndAReloadKeepsIt()
            throws IOException {
        page.signUp(newLoginName("alice"), "Alice");
        assertThat(page.signedInAs()).startsWith("Alice (alice-");

        VirtualAuthenticator laptop = chromium.addAuthenticator();
        page.addPasskey("Laptop");
        assertThat(page.error()).isEmpty();
        assertThat(page.status()).isEqualTo("Passkey \"Laptop\" added.");

        chromium.removeAuthenticator(laptop);
        chromium.addSyncingAuthenticator();
        page.addPasskey("Phone");
        assertThat(page.status()).isEqualTo("Passkey \"Phone\" added.");

        List<Row> rows = page.rows();
        assertThat(rows).extracting(Row::name).containsExactly("Laptop", "Phone");
        assertThat(rows).extracting(Row::kind).containsExactly("Device-bound", "Synced");
        assertThat(rows).extracting(Row::lastUsed).containsOnly("Never");
        assertThat(rows).extracting(Row::created).allSatisfy(created -> assertThat(created).isNotBlank());
        assertThat(rows).extracting(Row::provider).containsOnly("Unknown");
        assertThat(namesOnTheServer()).containsExactly("Laptop", "Phone");

        page.rename("Phone", "Work phone");
        assertThat(page.status()).isEqualTo("Passkey \"Phone\" renamed to \"Work phone\".");
        assertThat(page.names()).containsExactly("Laptop", "Work phone");

        page.remove("Laptop");
        assertThat(page.status()).startsWith("Passkey \"Laptop\" removed.");
        assertThat(page.names()).containsExactly("Work phone");

        page.reload();
        assertThat(page.signedInAs()).startsWith("Alice (alice-");
        assertThat(page.names()).containsExactly("Work phone");
        assertThat(namesOnTheServer()).containsExactly("Work phone");
    }

    @Test
    void whenTheAuthenticatorIsRegisteredAlreadyThenTheBrowserRefusesWithInvalidStateErrorAndThePageSaysSo()
            throws IOException {
        page.signUp(newLoginName("bob"), "");
        chromium.addAuthenticator();
        page.addPasskey("Laptop");

        page.addPasskey("Laptop again");

        assertThat(page.error()).isEqualTo("This authenticator already holds a passkey for your account, so the browser "
                + "did not create another one. Use a different authenticator, or remove the old passkey first.");
        assertThat(page.log()).contains("browser: the browser refused: InvalidStateError");
        assertThat(page.names()).containsExactly("Laptop");
        assertThat(namesOnTheServer()).containsExactly("Laptop");
    }

    @Test
    void whenTheAuthenticatorCannotVerifyTheUserThenNoPasskeyIsAddedAndThePageSaysWhy() throws IOException {
        page.signUp(newLoginName("carol"), "Carol");
        chromium.addAuthenticator(false);

        page.addPasskey("Without PIN");

        assertThat(page.error()).startsWith("No passkey was created")
                .contains("this demo requires user verification");
        assertThat(page.log()).contains("browser: the browser refused: NotAllowedError");
        assertThat(page.names()).isEmpty();
        assertThat(namesOnTheServer()).isEmpty();
    }

    @Test
    void whenTheBrowserLacksTheJsonHelpersThenThePagesFallbackAddsThePasskey() throws IOException {
        page.signUp(newLoginName("dave"), "Dave");
        chromium.addAuthenticator();
        script("delete PublicKeyCredential.parseCreationOptionsFromJSON; delete PublicKeyCredential.prototype.toJSON;");
        assertThat(script("return typeof PublicKeyCredential.parseCreationOptionsFromJSON")).isEqualTo("undefined");

        page.addPasskey("Old browser");

        assertThat(page.error()).isEmpty();
        assertThat(page.names()).containsExactly("Old browser");
        assertThat(page.log()).anySatisfy(line -> assertThat(line).contains("lacks parseCreationOptionsFromJSON()"))
                .anySatisfy(line -> assertThat(line).contains("lacks PublicKeyCredential.toJSON()"));
        assertThat(namesOnTheServer()).containsExactly("Old browser");
    }

    @Test
    void whenTheSeedsV1AddPasskeyIsUsedFromTheBrowserThenItsBase64OptionsAndCredentialWork() throws IOException {
        page.signUp(newLoginName("erin"), "Erin");
        chromium.addAuthenticator();
        String token = session().get("sessionToken").asText();

        Object status = ((JavascriptExecutor) chromium.driver).executeAsyncScript("""
                const [token, done] = arguments;
                const call = (path, body) => fetch(path, {method: 'POST', body: JSON.stringify(body),
                    headers: {'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json'}});
                (async () => {
                  const added = await (await call('/auth/v1/users/me/passwordless', {})).json();
                  const options = JSON.parse(atob(added.key.publicKey));
                  const credential = await navigator.credentials.create(
                      {publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options.publicKey)});
                  const json = JSON.stringify(credential.toJSON());
                  const verified = await call('/auth/v1/users/me/passwordless/_verify', {
                      verification: {publicKeyCredential: btoa(json), tokenName: 'Through v1'},
                      tokenId: added.key.id});
                  done(verified.status);
                })().catch((e) => done(String(e)));
                """, token);

        assertThat(status).isEqualTo(200L);
        page.reload();
        assertThat(page.names()).containsExactly("Through v1");
    }

    @Test
    void whenThePersonSignsOutAfterSigningUpThenTheSignUpsTokenIsRevokedOnTheServer() throws IOException {
        page.signUp(newLoginName("leaving"), "Leaving");
        JsonNode s = session();
        String path = "/v2/users/" + s.get("userId").asText() + "/passkeys/_search";
        String token = s.get("sessionToken").asText();
        assertThat(api.post(path, token, Map.of()).status()).isEqualTo(200);

        page.signOut();

        new WebDriverWait(chromium.driver, java.time.Duration.ofSeconds(10))
                .until(d -> api.post(path, token, Map.of()).status() == 401);
        assertThat(page.log()).anySatisfy(line -> assertThat(line).contains("POST /demo/sign-out"));
    }

    @Test
    void whenTheSessionIsNoLongerValidThenThePageGoesBackToSignUpAndSaysWhy() {
        script("localStorage.setItem('passkey4j-demo.session', JSON.stringify("
                + "{userId: '1', loginName: 'gone@acme.test', displayName: 'Gone', sessionToken: 'not-a-token'}))");

        page.reload();
        new WebDriverWait(chromium.driver, java.time.Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("error")).isDisplayed());

        assertThat(page.showsSignUp()).isTrue();
        assertThat(page.error()).startsWith("Your session is no longer valid");
        assertThat(script("return localStorage.getItem('passkey4j-demo.session')")).isNull();
    }

    @Test
    void whenThePageIsOpenOnAnOriginThePasskeysAreNotForThenItWarns() {
        chromium.driver.get("http://127.0.0.1:" + server.port() + "/");

        String warning = chromium.driver.findElement(By.id("environment-warning")).getText();

        assertThat(warning).contains("open on http://127.0.0.1:" + server.port())
                .contains("Open " + server.origin() + " instead.");
    }

    @Test
    void whenThePageIsShownThenEveryFieldHasALabelAndEveryButtonAName() {
        page.signUp(newLoginName("frank"), "Frank");
        chromium.addAuthenticator();
        page.addPasskey("Laptop");

        Object unlabeled = script("return [...document.querySelectorAll('input')]"
                + ".filter((i) => i.labels.length === 0).map((i) => i.id)");
        Object unnamed = script("return [...document.querySelectorAll('button')]"
                + ".filter((b) => !(b.getAttribute('aria-label') || b.textContent.trim())).map((b) => b.outerHTML)");

        assertThat((List<?>) unlabeled).isEmpty();
        assertThat((List<?>) unnamed).isEmpty();
        assertThat(chromium.driver.findElement(By.id("status")).getAttribute("role")).isEqualTo("status");
        assertThat(chromium.driver.findElement(By.id("error")).getAttribute("role")).isEqualTo("alert");
        assertThat(chromium.driver.findElement(By.cssSelector("html")).getAttribute("lang")).isEqualTo("en");
    }
}
