package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * passkey4j.js in a browser without WebAuthn Level 3's JSON methods (parseCreationOptionsFromJSON,
 * parseRequestOptionsFromJSON, toJSON, as browsers before 2024 and some still): its fallback encodes and
 * decodes the fields itself, and a whole registration and sign-in still go through.
 */
class BrowserFallbackTest {

    @RegisterExtension
    static final DemoInChromium DEMO = new DemoInChromium("browser-fallback");

    @Test
    void withoutTheLevel3JsonMethodsThePagesFallbackRegistersAndSignsIn() {
        DEMO.chromium().driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                delete PublicKeyCredential.parseCreationOptionsFromJSON;
                delete PublicKeyCredential.parseRequestOptionsFromJSON;
                delete PublicKeyCredential.prototype.toJSON;
                """));
        DemoPage page = DEMO.page().reload();
        String loginName = "old-browser-" + UUID.randomUUID() + "@acme.test";
        page.signUp(loginName, "Olga");
        DEMO.chromium().addAuthenticator();
        page.addPasskey("Laptop");
        page.withoutAutofill().signOut();

        page.signIn(loginName);

        assertThat(page.error()).isEmpty();
        assertThat(page.signedInAs()).isEqualTo("Olga (" + loginName + ")");
        assertThat(page.log()).anySatisfy(line -> assertThat(line).contains(
                "navigator.credentials.create() with the page's fallback: this browser lacks parseCreationOptionsFromJSON()"));
        assertThat(page.log()).anySatisfy(line -> assertThat(line).contains(
                "with the page's fallback: this browser lacks parseRequestOptionsFromJSON()"));
        assertThat(page.log()).anySatisfy(line -> assertThat(line).contains(
                "credential written as JSON by the page's fallback: this browser lacks PublicKeyCredential.toJSON()"));
    }
}
