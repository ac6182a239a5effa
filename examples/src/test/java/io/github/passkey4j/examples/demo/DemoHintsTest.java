package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The v2 {@code "hints"} of shared/API.md (WebAuthn Level 3 additions) on adding a passkey and on a sign-in. */
class DemoHintsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoHost server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        server = DemoHost.start(DemoOptions.defaults().withPort(0)
                .withJdbcUrl("jdbc:h2:mem:hints-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        api = new ApiClient(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static User newUser() {
        return api.signUp("hints-" + UUID.randomUUID() + "@acme.test");
    }

    @Test
    void addPasskeyRendersTheRequestedHintsAndTheirAttachment() {
        User user = newUser();
        Response none = api.post(user.passkeys(), user.token(), Map.of());
        assertThat(none.json().at("/publicKeyCredentialCreationOptions/publicKey/hints")).isEmpty();
        assertThat(none.json().at("/publicKeyCredentialCreationOptions/publicKey/hints").isArray()).isTrue();

        Response keys = api.post(user.passkeys(), user.token(), Map.of("hints", java.util.List.of("security-key")));
        assertThat(keys.status()).as(keys.text()).isEqualTo(200);
        assertThat(keys.json().at("/publicKeyCredentialCreationOptions/publicKey/hints/0").asText())
                .isEqualTo("security-key");
        assertThat(keys.json().at("/publicKeyCredentialCreationOptions/publicKey/authenticatorSelection/authenticatorAttachment")
                .asText()).isEqualTo("cross-platform");
    }

    @Test
    void badHintsAre400WithAReasonAndBeginNothing() {
        User user = newUser();
        Response unknown = api.post(user.passkeys(), user.token(), Map.of("hints", java.util.List.of("usb")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-HINT-UNKNOWN");

        Response conflict = api.post(user.passkeys(), user.token(), Map.of("authenticator", "PASSKEY_AUTHENTICATOR_PLATFORM",
                "hints", java.util.List.of("security-key")));
        assertThat(conflict.status()).isEqualTo(400);
        assertThat(conflict.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-HINTS-CONFLICT");

        Response notArray = api.post(user.passkeys(), user.token(), Map.of("hints", "hybrid"));
        assertThat(notArray.status()).isEqualTo(400);
        Response tooMany = api.post(user.passkeys(), user.token(), Map.of("hints",
                java.util.Collections.nCopies(9, "hybrid")));
        assertThat(tooMany.status()).isEqualTo(400);
        Response numbers = api.post(user.passkeys(), user.token(), Map.of("hints", java.util.List.of(1)));
        assertThat(numbers.status()).isEqualTo(400);
    }

    @Test
    void aSignInRendersItsHints() {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("challenges").putObject("webAuthN").put("domain", "localhost")
                .putArray("hints").add("hybrid").add("client-device");
        Response created = api.post("/v2/sessions", null, body);
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(created.json().at("/challenges/webAuthN/publicKeyCredentialRequestOptions/publicKey/hints/0").asText())
                .isEqualTo("hybrid");
        assertThat(created.json().at("/challenges/webAuthN/publicKeyCredentialRequestOptions/publicKey/hints/1").asText())
                .isEqualTo("client-device");

        ObjectNode bad = JSON.createObjectNode();
        bad.putObject("challenges").putObject("webAuthN").putArray("hints").add("nfc");
        Response refused = api.post("/v2/sessions", null, bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-HINT-UNKNOWN");
    }
}
