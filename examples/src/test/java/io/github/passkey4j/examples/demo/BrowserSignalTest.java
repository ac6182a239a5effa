package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * The Signal API (WebAuthn Level 3) in a real browser: the page passes the server's payloads to
 * Chromium, whose virtual authenticator then forgets the passkeys the server no longer accepts.
 * Each test has its own authenticator and user, and asserts only on that authenticator.
 */
class BrowserSignalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final DemoInChromium DEMO = new DemoInChromium("browser-signal");

    private DemoServer server;
    private Chromium chromium;
    private DemoPage page;

    @BeforeEach
    void bind() {
        server = DEMO.server();
        chromium = DEMO.chromium();
        page = DEMO.page();
    }

    private static String newLoginName(String who) {
        return who + "-" + UUID.randomUUID() + "@acme.test";
    }

    private void awaitCredentials(VirtualAuthenticator authenticator, int count) {
        new WebDriverWait(chromium.driver, Duration.ofSeconds(20)).until(d -> authenticator.getCredentials().size() == count);
    }

    /** The signed-in session the page keeps, as the page's own API calls use it. */
    private JsonNode pageSession() throws IOException {
        Object stored = ((JavascriptExecutor) chromium.driver).executeScript(
                "return localStorage.getItem('passkey4j-demo.session')");
        return JSON.readTree((String) stored);
    }

    /** Removes a passkey through the API, behind the page's back: the browser gets no signal. */
    private void removeThroughTheApi(String passkeyId) throws Exception {
        JsonNode session = pageSession();
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/v2/users/"
                        + session.get("userId").asText() + "/passkeys/" + passkeyId))
                .header("Authorization", "Bearer " + session.get("sessionToken").asText())
                .DELETE().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/signals/allAcceptedCredentials/allAcceptedCredentialIds"))
                .isEmpty();
    }

    @Test
    void whenThePageRemovesAPasskeyThenTheAuthenticatorForgetsIt() {
        page.signUp(newLoginName("fay"), "Fay");
        VirtualAuthenticator authenticator = chromium.addAuthenticator();
        page.addPasskey("Laptop"); // one per authenticator: its second would be excluded
        awaitCredentials(authenticator, 1);

        page.remove("Laptop");

        awaitCredentials(authenticator, 0);
        assertThat(page.names()).isEmpty();
        assertThat(page.log()).anySatisfy(line -> assertThat(line)
                .contains("PublicKeyCredential.signalAllAcceptedCredentials() sent"));
    }

    @Test
    void whenASignInUsesAPasskeyRemovedBehindThePagesBackThenTheServersSignalMakesTheAuthenticatorForgetIt()
            throws Exception {
        page.signUp(newLoginName("gus"), "Gus");
        VirtualAuthenticator authenticator = chromium.addAuthenticator();
        page.addPasskey("Old laptop");
        awaitCredentials(authenticator, 1);
        removeThroughTheApi(page.rows().get(0).id());
        awaitCredentials(authenticator, 1); // no signal went to the browser
        page.withoutAutofill().signOut();

        page.signInWithPasskey();

        assertThat(page.error()).startsWith("The demo refused this passkey: it is not registered (any more).")
                .endsWith("PASSKEY-CREDENTIAL-UNKNOWN");
        awaitCredentials(authenticator, 0);
        assertThat(page.log()).anySatisfy(line -> assertThat(line)
                .contains("PublicKeyCredential.signalUnknownCredential() sent"));
    }

    @Test
    void whenASignInSucceedsThenThePageSendsTheAcceptedCredentialsAndTheNames() {
        String loginName = newLoginName("hal");
        page.signUp(loginName, "Hal");
        VirtualAuthenticator authenticator = chromium.addAuthenticator();
        page.addPasskey("Laptop");
        page.withoutAutofill().signOut();

        page.signIn(loginName);

        assertThat(page.error()).isEmpty();
        assertThat(page.log()).anySatisfy(line -> assertThat(line)
                .contains("PublicKeyCredential.signalAllAcceptedCredentials() sent"));
        assertThat(page.log()).anySatisfy(line -> assertThat(line)
                .contains("PublicKeyCredential.signalCurrentUserDetails() sent"));
        awaitCredentials(authenticator, 1);
    }
}
