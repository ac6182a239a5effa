package io.github.passkey4j.examples.demo;

import static io.github.passkey4j.examples.demo.Ceremonies.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's Level 3 additions beyond shared/API.md's: a password sign-in and the passkey upgrade
 * (conditional create) after it, PRF salts in a sign-in's options, and provider icons from
 * {@code --provider-names}. Chromium's virtual authenticator reports conditional create
 * (getClientCapabilities) but never answers one in a fresh headless profile (the password manager has
 * no recently used password), so the upgrade is tested here with the software authenticator, answering
 * as Chrome's password manager does: UP=0, UV=0.
 */
class DemoUpgradePrfIconsTest {

    /** The AAGUID the software authenticator reports. */
    private static final String SVG = "data:image/svg+xml;base64,"
            + java.util.Base64.getEncoder().encodeToString("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8));

    private static DemoHost server;
    private static ApiClient api;
    private static Path names;

    @BeforeAll
    static void start() throws IOException {
        names = Files.createTempFile("provider-names", ".json");
        Files.writeString(names, ApiClient.JSON.writeValueAsString(Map.of(SoftwareAuthenticator.AAGUID.toString(),
                Map.of("name", "Software authenticator", "icon_light", SVG, "icon_dark", SVG))));
        server = DemoHost.start(DemoOptions.defaults().withPort(0).withProviderNames(names.toString())
                .withJdbcUrl("jdbc:h2:mem:upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        api = new ApiClient(server.uri());
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        Files.deleteIfExists(names);
    }

    private static String newLogin() {
        return "upgrade-" + UUID.randomUUID() + "@acme.test";
    }

    private static User signUpWithPassword(String login, String password) {
        Response r = expect(api.post("/demo/users", null, Map.of("loginName", login, "password", password)), 200);
        return new User(r.json().get("userId").asText(), r.json().get("resourceOwner").asText(),
                r.json().get("sessionToken").asText());
    }

    private static Response verify(User user, Response begun, String credential, String name) throws IOException {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.set("publicKeyCredential", ApiClient.JSON.readTree(credential));
        body.put("passkeyName", name);
        return api.post(user.passkeys() + "/" + begun.json().get("passkeyId").asText(), user.token(), body);
    }

    @Test
    void afterAPasswordSignInThePasswordManagerMayAddAPasskeyWithoutUserPresence() throws IOException {
        String login = newLogin();
        signUpWithPassword(login, "correct horse battery");

        Response wrong = api.post("/demo/sign-in/password", null, Map.of("loginName", login, "password", "wrong password"));
        assertThat(wrong.status()).isEqualTo(401);
        Response unknown = api.post("/demo/sign-in/password", null,
                Map.of("loginName", newLogin(), "password", "correct horse battery"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("message").asText()).isEqualTo(wrong.json().get("message").asText());

        Response signedIn = expect(api.post("/demo/sign-in/password", null,
                Map.of("loginName", login.toUpperCase(java.util.Locale.ROOT), "password", "correct horse battery")), 200);
        User user = new User(signedIn.json().get("userId").asText(), signedIn.json().get("resourceOwner").asText(),
                signedIn.json().get("sessionToken").asText());

        Response begun = expect(api.post(user.passkeys(), user.token(), Map.of("conditional", true)), 200);
        JsonNode options = begun.json().get("publicKeyCredentialCreationOptions");
        assertThat(options.get("mediation").asText()).isEqualTo("conditional");
        assertThat(options.at("/publicKey/authenticatorSelection/userVerification").asText()).isEqualTo("preferred");
        String silent = new SoftwareAuthenticator().create(options.toString(),
                Options.from(server.origin()).userPresent(false).userVerified(false));
        expect(verify(user, begun, silent, "Upgraded"), 200);
        assertThat(expect(api.post(user.passkeys() + "/_search", user.token(), Map.of()), 200).json().get("result"))
                .hasSize(1);
    }

    @Test
    void anUpgradeWithoutAPasswordSignInIsRefusedAndAnOrdinaryRegistrationStillNeedsUserPresence() throws IOException {
        User user = api.signUp(newLogin());
        Response refused = api.post(user.passkeys(), user.token(), Map.of("conditional", true));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-CONDITIONAL-CREATE-REFUSED");
        Response notBoolean = api.post(user.passkeys(), user.token(), Map.of("conditional", "yes"));
        assertThat(notBoolean.status()).isEqualTo(400);

        Response begun = expect(api.post(user.passkeys(), user.token(), Map.of()), 200);
        String silent = new SoftwareAuthenticator().create(begun.json().get("publicKeyCredentialCreationOptions").toString(),
                Options.from(server.origin()).userPresent(false));
        Response noPresence = verify(user, begun, silent, "Key");
        assertThat(noPresence.status()).isEqualTo(400);
        assertThat(noPresence.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-USER-PRESENCE-MISSING");
        assertThat(expect(api.post(user.passkeys() + "/_search", user.token(), Map.of()), 200).json().get("result")).isEmpty();
    }

    @Test
    void aSignUpPasswordMustHaveEightTo128Characters() {
        Response tooShort = api.post("/demo/users", null, Map.of("loginName", newLogin(), "password", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        Response tooLong = api.post("/demo/users", null, Map.of("loginName", newLogin(), "password", "x".repeat(129)));
        assertThat(tooLong.status()).isEqualTo(400);
    }

    @Test
    void aSignInThatAsksForPrfCarriesEachPasskeysOwnSaltAndUsernamelessCannotAsk() throws IOException {
        String login = newLogin();
        User user = api.signUp(login);
        Response begun = expect(api.post(user.passkeys(), user.token(), Map.of()), 200);
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        String credential = authenticator.create(begun.json().get("publicKeyCredentialCreationOptions").toString(),
                Options.from(server.origin()).clientExtensionResults("{\"credProps\":{\"rk\":true},\"prf\":{\"enabled\":true}}"));
        expect(verify(user, begun, credential, "With PRF"), 200);
        String credentialId = ApiClient.JSON.readTree(credential).get("id").asText();

        ObjectNode body = Ceremonies.beginBody(login);
        ((ObjectNode) body.at("/challenges/webAuthN")).put("prf", true);
        JsonNode first = expect(api.post("/v2/sessions", null, body), 200).json()
                .at("/challenges/webAuthN/publicKeyCredentialRequestOptions/publicKey/extensions/prf/evalByCredential");
        JsonNode second = expect(api.post("/v2/sessions", null, body), 200).json()
                .at("/challenges/webAuthN/publicKeyCredentialRequestOptions/publicKey/extensions/prf/evalByCredential");
        assertThat(first.path(credentialId).path("first").asText()).hasSize(43);
        assertThat(second).isEqualTo(first);

        ObjectNode usernameless = Ceremonies.beginBody(null);
        ((ObjectNode) usernameless.at("/challenges/webAuthN")).put("prf", true);
        assertThat(api.post("/v2/sessions", null, usernameless).status()).isEqualTo(400);
        JsonNode list = expect(api.post(user.passkeys() + "/_search", user.token(), Map.of()), 200).json().get("result");
        assertThat(list.get(0).get("prfEnabled").asBoolean()).isTrue();
        assertThat(list.get(0).toString()).as("the salt is the server's, handed out only in sign-in options")
                .doesNotContain(first.path(credentialId).path("first").asText());
    }

    @Test
    void theListCarriesTheProviderIconsOfTheConfiguredFile() throws IOException {
        User user = api.signUp(newLogin());
        Ceremonies.register(api, server.origin(), user, "Key");
        JsonNode item = expect(api.post(user.passkeys() + "/_search", user.token(), Map.of()), 200).json().at("/result/0");
        assertThat(item.get("providerName").asText()).isEqualTo("Software authenticator");
        assertThat(item.get("providerIconLight").asText()).isEqualTo(SVG);
        assertThat(item.get("providerIconDark").asText()).isEqualTo(SVG);
    }
}
