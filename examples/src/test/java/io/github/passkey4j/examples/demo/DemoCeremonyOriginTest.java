package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo begins each ceremony for the request's {@code Origin} (its own origin when there is none):
 * an origin the relying party lacks is refused at once, and a ceremony finishes only where it began.
 */
class DemoCeremonyOriginTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RELATED = "https://example.co.uk";
    private static DemoHost server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        server = DemoHost.start(DemoOptions.parse("--port", "0", "--related-origins", RELATED,
                "--jdbc-url", "jdbc:h2:mem:origins-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        api = new ApiClient(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ObjectNode usernameless() {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("challenges").putObject("webAuthN");
        return body;
    }

    @Test
    void anOriginTheRelyingPartyLacksIsRefusedBeforeAnythingBegins() {
        User user = api.signUp("origin-" + UUID.randomUUID() + "@acme.test");
        ApiClient evil = api.withOrigin("https://evil.example");
        Response add = evil.post(user.passkeys(), user.token(), Map.of());
        assertThat(add.status()).isEqualTo(400);
        assertThat(add.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-ORIGIN-NOT-ALLOWED");
        Response session = evil.post("/v2/sessions", null, usernameless());
        assertThat(session.status()).isEqualTo(400);
        assertThat(session.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-ORIGIN-NOT-ALLOWED");
    }

    @Test
    void aRegistrationBegunAtTheRelatedOriginFinishesThereOnly() throws IOException {
        User user = api.signUp("related-" + UUID.randomUUID() + "@acme.test");
        ApiClient related = api.withOrigin(RELATED);
        Response begun = related.post(user.passkeys(), user.token(), Map.of());
        assertThat(begun.status()).as(begun.text()).isEqualTo(200);
        String passkeyId = begun.json().get("passkeyId").asText();
        String options = begun.json().get("publicKeyCredentialCreationOptions").toString();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

        ObjectNode atHome = JSON.createObjectNode();
        atHome.set("publicKeyCredential", JSON.readTree(authenticator.create(options, Options.from(server.origin()))));
        atHome.put("passkeyName", "Laptop");
        Response refused = related.post(user.passkeys() + "/" + passkeyId, user.token(), atHome);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-ORIGIN-NOT-ALLOWED");

        ObjectNode atRelated = JSON.createObjectNode();
        atRelated.set("publicKeyCredential", JSON.readTree(authenticator.create(options, Options.from(RELATED))));
        atRelated.put("passkeyName", "Laptop");
        Response verified = related.post(user.passkeys() + "/" + passkeyId, user.token(), atRelated);
        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
    }
}
