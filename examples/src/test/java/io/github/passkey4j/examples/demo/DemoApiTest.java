package io.github.passkey4j.examples.demo;

import static io.github.passkey4j.examples.demo.ApiClient.JSON;
import static io.github.passkey4j.examples.demo.ApiClient.base64;
import static io.github.passkey4j.examples.demo.ApiClient.decodeBase64;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's HTTP API against the contract (API.md): the passkey lifecycle through v1 and v2, in the
 * shapes of the seed, driven by a software authenticator.
 */
class DemoApiTest {

    static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    private static DemoHost server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        server = DemoHost.start(DemoOptions.defaults().withPort(0)
                .withJdbcUrl("jdbc:h2:mem:api-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        api = new ApiClient(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static User newUser() {
        return api.signUp("user-" + UUID.randomUUID() + "@acme.test");
    }

    static Options browser() {
        return Options.from(server.origin());
    }

    /** Adds and verifies a passkey through v2; returns its id. */
    static String registerV2(User user, SoftwareAuthenticator authenticator, String name) throws IOException {
        return registerWith(api, server.origin(), user, authenticator, name);
    }

    /** Adds and verifies a passkey through v2 on a demo of the caller's; returns its id. */
    static String registerWith(ApiClient api, String origin, User user, SoftwareAuthenticator authenticator,
            String name) throws IOException {
        Response begun = api.post(user.passkeys(), user.token(), Map.of());
        assertThat(begun.status()).as(begun.text()).isEqualTo(200);
        String passkeyId = begun.json().get("passkeyId").asText();
        String credential = authenticator.create(begun.json().get("publicKeyCredentialCreationOptions").toString(),
                Options.from(origin));
        ObjectNode body = JSON.createObjectNode();
        body.set("publicKeyCredential", JSON.readTree(credential));
        body.put("passkeyName", name);
        Response verified = api.post(user.passkeys() + "/" + passkeyId, user.token(), body);
        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        return passkeyId;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ------------------------------------------------------------------ sign-up

    @Test
    void whenSigningUpThenTheAnswerHasTheUserAndABearerToken() {
        Response r = api.post("/demo/users", null, Map.of("loginName", "carol-" + UUID.randomUUID() + "@acme.test",
                "displayName", "Carol"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(fieldNames(r.json())).containsExactly("userId", "resourceOwner", "sessionToken");
        assertThat(r.json().get("userId").asText()).matches("\\d{15,20}");
        assertThat(r.json().get("resourceOwner").asText()).isEqualTo(DemoServer.ORGANISATION);
        // 256 random bits, base64url
        assertThat(r.json().get("sessionToken").asText()).matches("[A-Za-z0-9_-]{43}");
        Response list = api.post("/auth/v1/users/me/passwordless/_search", r.json().get("sessionToken").asText(), Map.of());
        assertThat(list.status()).isEqualTo(200);
    }

    @Test
    void whenTheLoginNameIsTakenInAnyCaseThenSignUpIs409() {
        String name = "dave-" + UUID.randomUUID() + "@acme.test";
        api.signUp(name);

        Response r = api.post("/demo/users", null, Map.of("loginName", name.toUpperCase()));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json()).isEqualTo(ErrorBodies.of(6, "DEMO-LOGIN-NAME-TAKEN", "this login name is taken"));
    }

    @Test
    void whenTheLoginNameIsMissingOrHasControlCharactersThenSignUpIs400() {
        Response missing = api.post("/demo/users", null, Map.of("displayName", "Nobody"));
        Response control = api.post("/demo/users", null, Map.of("loginName", "eve\u0007@acme.test"));

        for (Response r : List.of(missing, control)) {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("code").asInt()).isEqualTo(3);
            assertThat(r.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-ARGUMENT-INVALID");
        }
    }

    @Test
    void whenTheDisplayNameHasBidiControlsOrIsTooLongThenSignUpIs400AndOtherwiseItIsStoredNfc() throws IOException {
        for (String bad : List.of("Mallory\u202Etxt.exe", "a\u2066b\u2069", "tab\tname", "e\u0301".repeat(201))) {
            Response r = api.post("/demo/users", null, Map.of("loginName", "frank-" + UUID.randomUUID() + "@acme.test",
                    "displayName", bad));
            assertThat(r.status()).as(r.text()).isEqualTo(400);
            assertThat(r.json().get("code").asInt()).isEqualTo(3);
            assertThat(r.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-NAME-INVALID");
            assertThat(r.json().get("message").asText()).startsWith("displayName ");
        }

        Map<String, String> composedByDecomposed = Map.of("Cafe\u0301 \uD83D\uDC69\u200D\uD83D\uDCBB", "Caf\u00E9 \uD83D\uDC69\u200D\uD83D\uDCBB",
                "e\u0301".repeat(200), "\u00E9".repeat(200));
        for (Map.Entry<String, String> e : composedByDecomposed.entrySet()) {
            Response r = api.post("/demo/users", null, Map.of("loginName", "grace-" + UUID.randomUUID() + "@acme.test",
                    "displayName", e.getKey()));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            User user = new User(r.json().get("userId").asText(), r.json().get("resourceOwner").asText(),
                    r.json().get("sessionToken").asText());
            Response begun = api.post(user.passkeys(), user.token(), Map.of());
            assertThat(begun.json().at("/publicKeyCredentialCreationOptions/publicKey/user/displayName").asText())
                    .isEqualTo(e.getValue());
        }
    }

    // ------------------------------------------------------------------ Auth API v1

    @Test
    void whenAddingAPasskeyThroughV1ThenTheAnswerIsTheSeedsShape() throws IOException {
        User user = newUser();

        Response r = api.post("/auth/v1/users/me/passwordless", user.token(), Map.of());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.mediaType()).isEqualTo("application/json;charset=utf-8");
        JsonNode json = r.json();
        assertThat(fieldNames(json)).containsExactly("key", "details");
        assertThat(fieldNames(json.get("key"))).containsExactly("id", "publicKey");
        assertThat(fieldNames(json.get("details"))).containsExactly("sequence", "creationDate", "changeDate", "resourceOwner");
        assertThat(json.at("/details/sequence").isTextual()).isTrue();
        assertThat(json.at("/details/creationDate").asText()).matches(TIMESTAMP)
                .isEqualTo(json.at("/details/changeDate").asText());
        assertThat(json.at("/details/resourceOwner").asText()).isEqualTo(user.resourceOwner());
        String publicKey = json.at("/key/publicKey").asText();
        assertThat(publicKey).matches("[A-Za-z0-9+/]+={0,2}");
        JsonNode options = JSON.readTree(decodeBase64(publicKey));
        assertThat(fieldNames(options)).containsExactly("publicKey");
        assertThat(options.at("/publicKey/challenge").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(options.at("/publicKey/rp/id").asText()).isEqualTo("localhost");
        assertThat(options.at("/publicKey/user/name").asText()).startsWith("user-");
        assertThat(options.at("/publicKey/excludeCredentials").isArray()).isTrue();
        assertThat(options.at("/publicKey/authenticatorSelection/userVerification").asText()).isEqualTo("required");
    }

    @Test
    void whenVerifyingThroughV1ThenThePasskeyIsListedWithEveryField() throws IOException {
        User user = newUser();
        Response added = api.post("/auth/v1/users/me/passwordless", user.token(), Map.of());
        String passkeyId = added.json().at("/key/id").asText();
        String credential = new SoftwareAuthenticator().create(decodeBase64(added.json().at("/key/publicKey").asText()),
                browser().transports(List.of("internal", "hybrid")));

        Response verified = api.post("/auth/v1/users/me/passwordless/_verify", user.token(),
                Map.of("verification", Map.of("publicKeyCredential", base64(credential), "tokenName", "Laptop"),
                        "tokenId", passkeyId));

        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        assertThat(fieldNames(verified.json())).containsExactly("details");
        assertThat(fieldNames(verified.json().get("details"))).containsExactly("sequence", "changeDate", "resourceOwner");
        assertThat(verified.json().at("/details/changeDate").asText()).matches(TIMESTAMP);

        Response list = api.post("/auth/v1/users/me/passwordless/_search", user.token(), Map.of());
        assertThat(list.status()).isEqualTo(200);
        assertThat(fieldNames(list.json())).containsExactly("result");
        JsonNode item = list.json().at("/result/0");
        assertThat(list.json().get("result")).hasSize(1);
        assertThat(item.get("id").asText()).isEqualTo(passkeyId);
        assertThat(item.get("state").asText()).isEqualTo("AUTH_FACTOR_STATE_READY");
        assertThat(item.get("name").asText()).isEqualTo("Laptop");
        assertThat(item.get("creationDate").asText()).matches(TIMESTAMP);
        assertThat(item.has("lastUsedDate")).isFalse();
        assertThat(item.get("aaguid").asText()).isEqualTo(SoftwareAuthenticator.AAGUID.toString());
        assertThat(item.get("providerName").asText()).isEqualTo("Google Password Manager");
        assertThat(item.get("backupEligible").asBoolean()).isTrue();
        assertThat(item.get("backedUp").asBoolean()).isTrue();
        assertThat(item.get("transports")).containsExactly(JSON.getNodeFactory().textNode("internal"),
                JSON.getNodeFactory().textNode("hybrid"));
    }

    @Test
    void whenVerifyingThroughV1WithoutATokenIdThenTheNewestPendingRegistrationIsUsed() throws IOException {
        User user = newUser();
        api.post("/auth/v1/users/me/passwordless", user.token(), Map.of());
        Response newest = api.post("/auth/v1/users/me/passwordless", user.token(), Map.of());
        String credential = new SoftwareAuthenticator().create(decodeBase64(newest.json().at("/key/publicKey").asText()),
                browser());

        Response verified = api.post("/auth/v1/users/me/passwordless/_verify", user.token(),
                Map.of("verification", Map.of("publicKeyCredential", base64(credential), "tokenName", "Phone")));

        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        Response list = api.post("/auth/v1/users/me/passwordless/_search", user.token(), Map.of());
        assertThat(list.json().at("/result/0/id").asText()).isEqualTo(newest.json().at("/key/id").asText());
    }

    @Test
    void whenTheV1CredentialIsUrlSafeBase64WithoutPaddingThenItIsAcceptedLikeGrpcGatewayDoes() throws IOException {
        User user = newUser();
        Response added = api.post("/auth/v1/users/me/passwordless", user.token(), Map.of());
        String credential = new SoftwareAuthenticator().create(decodeBase64(added.json().at("/key/publicKey").asText()),
                browser());
        String urlSafe = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(credential.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Response verified = api.post("/auth/v1/users/me/passwordless/_verify", user.token(),
                Map.of("verification", Map.of("publicKeyCredential", urlSafe, "tokenName", "Tablet"),
                        "tokenId", added.json().at("/key/id").asText()));

        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
    }

    @Test
    void whenRemovingThroughV1ThenThePasskeyIsGoneAndTheDetailsHaveNoCreationDate() throws IOException {
        User user = newUser();
        String passkeyId = registerV2(user, new SoftwareAuthenticator(), "Old key");

        Response removed = api.delete("/auth/v1/users/me/passwordless/" + passkeyId, user.token());

        assertThat(removed.status()).isEqualTo(200);
        assertThat(fieldNames(removed.json().get("details"))).containsExactly("sequence", "changeDate", "resourceOwner");
        Response list = api.post("/auth/v1/users/me/passwordless/_search", user.token(), Map.of());
        assertThat(list.json().get("result")).isEmpty();
        assertThat(list.json().get("result").isArray()).isTrue();
    }

    // ------------------------------------------------------------------ User Service v2

    @Test
    void whenRegisteringThroughV2ThenTheAnswerCarriesTheOptionsAsAnObject() {
        User user = newUser();

        Response r = api.post(user.passkeys(), user.token(), Map.of("authenticator", "PASSKEY_AUTHENTICATOR_PLATFORM",
                "domain", "localhost"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(fieldNames(r.json())).containsExactly("details", "passkeyId", "publicKeyCredentialCreationOptions");
        assertThat(r.json().at("/details/creationDate").asText()).isEqualTo(r.json().at("/details/changeDate").asText());
        assertThat(r.json().at("/publicKeyCredentialCreationOptions/publicKey/authenticatorSelection/authenticatorAttachment")
                .asText()).isEqualTo("platform");
        assertThat(r.json().at("/publicKeyCredentialCreationOptions/publicKey/excludeCredentials").isArray()).isTrue();
    }

    @Test
    void whenAUserHasAPasskeyThenTheNextRegistrationExcludesItsCredential() throws IOException {
        User user = newUser();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        registerV2(user, authenticator, "First");

        Response r = api.post(user.passkeys(), user.token(), Map.of());

        JsonNode excluded = r.json().at("/publicKeyCredentialCreationOptions/publicKey/excludeCredentials");
        assertThat(excluded).hasSize(1);
        assertThat(excluded.at("/0/id").asText()).isEqualTo(authenticator.last().id());
        assertThat(excluded.at("/0/type").asText()).isEqualTo("public-key");
    }

    @Test
    void whenListingRenamingAndRemovingThroughV2ThenEachAnswerHasTheContractsShape() throws IOException {
        User user = newUser();
        String first = registerV2(user, new SoftwareAuthenticator(), "Laptop");
        String second = registerV2(user, new SoftwareAuthenticator(), "Phone");

        Response list = api.post(user.passkeys() + "/_search", user.token(), Map.of());
        assertThat(list.status()).isEqualTo(200);
        assertThat(fieldNames(list.json())).containsExactly("details", "result");
        assertThat(list.json().at("/details/totalResult").asText()).isEqualTo("2");
        assertThat(list.json().at("/details/timestamp").asText()).matches(TIMESTAMP);
        assertThat(list.json().get("result").findValuesAsText("id")).containsExactly(first, second);

        Response renamed = api.patch(user.passkeys() + "/" + second, user.token(), Map.of("passkeyName", "Work phone"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(fieldNames(renamed.json().get("details"))).containsExactly("sequence", "changeDate", "resourceOwner");

        Response removed = api.delete(user.passkeys() + "/" + first, user.token());
        assertThat(removed.status()).isEqualTo(200);
        assertThat(fieldNames(removed.json().get("details"))).containsExactly("sequence", "changeDate", "resourceOwner");
        assertThat(removed.json().at("/details/sequence").asLong())
                .isGreaterThan(renamed.json().at("/details/sequence").asLong());
        // the signalAllAcceptedCredentials payload: one passkey left to keep
        assertThat(fieldNames(removed.json())).containsExactly("details", "signals");
        assertThat(removed.json().at("/signals/allAcceptedCredentials/allAcceptedCredentialIds")).hasSize(1);
        assertThat(removed.json().at("/signals").has("currentUserDetails")).isFalse();

        Response after = api.post(user.passkeys() + "/_search", user.token(), Map.of());
        assertThat(after.json().get("result").findValuesAsText("name")).containsExactly("Work phone");
        assertThat(after.json().at("/details/totalResult").asText()).isEqualTo("1");
    }

    @Test
    void whenTheRequestHasNoBodyThenItIsReadAsAnEmptyObjectLikeGrpcGatewayDoes() {
        User user = newUser();

        Response r = api.send("POST", user.passkeys() + "/_search", user.token(), null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("result").isArray()).isTrue();
    }

    @Test
    void whenThePageIsRequestedThenItIsServedWithItsAssets() {
        Response page = api.send("GET", "/", null, null);
        Response script = api.send("GET", "/app.js", null, null);
        Response common = api.send("GET", "/common.js", null, null);
        Response style = api.send("GET", "/app.css", null, null);
        Response module = api.send("GET", "/passkey4j.js", null, null);
        Response head = api.send("HEAD", "/", null, null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.mediaType()).isEqualTo("text/html;charset=utf-8");
        assertThat(page.header("Content-Security-Policy")).isPresent();
        assertThat(page.text()).contains("data-origin=\"" + server.origin() + "\"", "data-rp-id=\"localhost\"");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.text()).contains("navigator.credentials.create", "mediation");
        assertThat(common.status()).isEqualTo(200);
        // the browser side lives in passkey4j.js (the passkey4j-js WebJar), which common.js imports
        assertThat(common.text()).contains("import * as passkey4j from '/passkey4j.js'");
        assertThat(module.status()).isEqualTo(200);
        assertThat(module.mediaType()).isEqualTo("text/javascript;charset=utf-8");
        assertThat(module.text()).contains("parseCreationOptionsFromJSON", "parseRequestOptionsFromJSON",
                "signalAllAcceptedCredentials");
        assertThat(style.mediaType()).isEqualTo("text/css;charset=utf-8");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.text()).isEmpty();
    }
}
