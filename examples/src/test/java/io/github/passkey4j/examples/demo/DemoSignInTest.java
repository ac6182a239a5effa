package io.github.passkey4j.examples.demo;

import static io.github.passkey4j.examples.demo.ApiClient.JSON;
import static io.github.passkey4j.examples.demo.DemoApiTest.TIMESTAMP;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sign-in with a passkey through the Session Service v2 routes (API.md "Sign-in with a passkey"):
 * username-first and usernameless, the token that becomes a bearer only after the passkey check, and
 * every way a session or its check can be wrong, with the exact status and body.
 */
class DemoSignInTest {

    private static final String TYPE = "type.googleapis.com/zitadel.v1.ErrorDetail";

    private static DemoHost server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        server = DemoHost.start(DemoOptions.defaults().withPort(0)
                .withJdbcUrl("jdbc:h2:mem:signin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        api = new ApiClient(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A signed-up user with its login name. */
    private record Account(User user, String loginName) {
    }

    private static Account newAccount() {
        String loginName = "user-" + UUID.randomUUID() + "@acme.test";
        return new Account(api.signUp(loginName), loginName);
    }

    private static Options browser() {
        return Options.from(server.origin());
    }

    private static Account withPasskey(SoftwareAuthenticator authenticator) throws IOException {
        Account account = newAccount();
        DemoApiTest.registerWith(api, server.origin(), account.user(), authenticator, "Laptop");
        return account;
    }

    private static ObjectNode usernameFirst(String loginName) {
        ObjectNode body = usernameless();
        body.putObject("checks").putObject("user").put("loginName", loginName);
        return body;
    }

    private static ObjectNode usernameless() {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("challenges").putObject("webAuthN").put("domain", "localhost")
                .put("userVerificationRequirement", "USER_VERIFICATION_REQUIREMENT_REQUIRED");
        return body;
    }

    private static ObjectNode check(String assertionJson) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("checks").putObject("webAuthN").set("credentialAssertionData", JSON.readTree(assertionJson));
        return body;
    }

    private static String requestOptions(Response created) {
        return created.json().at("/challenges/webAuthN/publicKeyCredentialRequestOptions").toString();
    }

    private static String session(Response created) {
        return "/v2/sessions/" + created.json().get("sessionId").asText();
    }

    private static String token(Response r) {
        return r.json().get("sessionToken").asText();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertError(Response r, int status, int code, String id) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        JsonNode body = r.json();
        assertThat(body.get("code").asInt()).as(r.text()).isEqualTo(code);
        assertThat(body.get("details")).hasSize(1);
        assertThat(body.at("/details/0/@type").asText()).isEqualTo(TYPE);
        assertThat(body.at("/details/0/id").asText()).isEqualTo(id);
        assertThat(body.get("message").asText()).isNotBlank().isEqualTo(body.at("/details/0/message").asText());
    }

    private static final JsonNode NOT_THIS_SESSION =
            ErrorBodies.of(16, "PASSKEY-UNAUTHENTICATED", "the session token is not valid for this session");
    private static final JsonNode NOT_A_BEARER = ErrorBodies.of(16, "PASSKEY-UNAUTHENTICATED", "the session token is not valid");

    // ------------------------------------------------------------------ the happy paths

    @Test
    void whenSigningInUsernameFirstThenThePatchAnswersANewTokenThatIsABearerOfThePasskeysOwner() throws IOException {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Account alice = withPasskey(authenticator);

        Response created = api.post("/v2/sessions", null, usernameFirst(alice.loginName().toUpperCase()));

        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(fieldNames(created.json())).containsExactly("details", "sessionId", "sessionToken", "challenges");
        assertThat(fieldNames(created.json().get("details")))
                .containsExactly("sequence", "creationDate", "changeDate", "resourceOwner");
        assertThat(created.json().at("/details/sequence").asText()).isEqualTo("1");
        assertThat(created.json().at("/details/creationDate").asText()).matches(TIMESTAMP)
                .isEqualTo(created.json().at("/details/changeDate").asText());
        assertThat(created.json().at("/details/resourceOwner").asText()).isEqualTo(alice.user().resourceOwner());
        assertThat(created.json().get("sessionId").asText()).matches("\\d{15,20}");
        assertThat(token(created)).matches("[A-Za-z0-9_-]{43}");
        JsonNode options = created.json().at("/challenges/webAuthN/publicKeyCredentialRequestOptions/publicKey");
        assertThat(options.get("challenge").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(options.get("rpId").asText()).isEqualTo("localhost");
        assertThat(options.get("userVerification").asText()).isEqualTo("required");
        assertThat(options.get("allowCredentials").findValuesAsText("id")).containsExactly(authenticator.last().id());

        Response pending = api.send("GET", session(created), token(created), null);
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.json().at("/session/factors/user/loginName").asText()).isEqualTo(alice.loginName());
        assertThat(pending.json().at("/session/factors").has("webAuthN")).isFalse();

        Response checked = api.patch(session(created), token(created), check(authenticator.get(requestOptions(created), browser())));

        assertThat(checked.status()).as(checked.text()).isEqualTo(200);
        assertThat(fieldNames(checked.json())).containsExactly("details", "sessionToken", "signals");
        // the Signal API payloads (shared/API.md, WebAuthn Level 3 additions): the passkeys the browser may keep,
        // the names it should show
        assertThat(checked.json().at("/signals/allAcceptedCredentials/allAcceptedCredentialIds").findValuesAsText(""))
                .isEmpty();
        assertThat(checked.json().at("/signals/allAcceptedCredentials/allAcceptedCredentialIds/0").asText())
                .isEqualTo(authenticator.last().id());
        assertThat(checked.json().at("/signals/currentUserDetails/name").asText()).isEqualTo(alice.loginName());
        assertThat(checked.json().at("/signals/currentUserDetails/rpId").asText())
                .isEqualTo(checked.json().at("/signals/allAcceptedCredentials/rpId").asText()).isNotBlank();
        assertThat(fieldNames(checked.json().get("details"))).containsExactly("sequence", "changeDate", "resourceOwner");
        assertThat(checked.json().at("/details/sequence").asText()).isEqualTo("2");
        assertThat(checked.json().at("/details/resourceOwner").asText()).isEqualTo(alice.user().resourceOwner());
        String bearer = token(checked);
        assertThat(bearer).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(token(created));

        Response list = api.post(alice.user().passkeys() + "/_search", bearer, Map.of());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().at("/result/0/lastUsedDate").asText()).matches(TIMESTAMP)
                .isEqualTo(checked.json().at("/details/changeDate").asText());
        assertThat(api.post("/auth/v1/users/me/passwordless/_search", bearer, Map.of()).status()).isEqualTo(200);

        Response read = api.send("GET", session(created), bearer, null);
        assertThat(read.status()).isEqualTo(200);
        JsonNode s = read.json().get("session");
        assertThat(fieldNames(read.json())).containsExactly("session");
        assertThat(fieldNames(s)).containsExactly("id", "creationDate", "changeDate", "sequence", "factors", "expirationDate");
        assertThat(s.get("id").asText()).isEqualTo(created.json().get("sessionId").asText());
        assertThat(s.get("sequence").asText()).isEqualTo("2");
        assertThat(s.at("/factors/user/id").asText()).isEqualTo(alice.user().userId());
        assertThat(s.at("/factors/user/loginName").asText()).isEqualTo(alice.loginName());
        assertThat(s.at("/factors/user/organizationId").asText()).isEqualTo(alice.user().resourceOwner());
        assertThat(s.at("/factors/user/verifiedAt").asText()).isEqualTo(created.json().at("/details/creationDate").asText());
        assertThat(s.at("/factors/webAuthN/verifiedAt").asText()).isEqualTo(checked.json().at("/details/changeDate").asText());
        assertThat(s.at("/factors/webAuthN/userVerified").asBoolean()).isTrue();

        assertThat(api.send("GET", session(created), token(created), null).json()).isEqualTo(NOT_THIS_SESSION);
    }

    @Test
    void whenSigningInUsernamelessThenTheAllowListIsEmptyAndThePasskeyNamesTheUser() throws IOException {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Account bob = withPasskey(authenticator);

        Response created = api.post("/v2/sessions", null, usernameless());

        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(created.json().at("/details/resourceOwner").asText()).isEqualTo(DemoServer.ORGANISATION);
        JsonNode options = created.json().at("/challenges/webAuthN/publicKeyCredentialRequestOptions/publicKey");
        assertThat(options.get("allowCredentials").isArray()).isTrue();
        assertThat(options.get("allowCredentials")).isEmpty();
        Response pending = api.send("GET", session(created), token(created), null);
        assertThat(pending.json().at("/session/factors")).isEqualTo(JSON.createObjectNode());

        Response checked = api.patch(session(created), token(created), check(authenticator.get(requestOptions(created), browser())));

        assertThat(checked.status()).as(checked.text()).isEqualTo(200);
        assertThat(checked.json().at("/details/resourceOwner").asText()).isEqualTo(bob.user().resourceOwner());
        Response read = api.send("GET", session(created), token(checked), null);
        assertThat(read.json().at("/session/factors/user/id").asText()).isEqualTo(bob.user().userId());
        assertThat(read.json().at("/session/factors/user/verifiedAt").asText())
                .isEqualTo(read.json().at("/session/factors/webAuthN/verifiedAt").asText());
        assertThat(api.post(bob.user().passkeys() + "/_search", token(checked), Map.of()).status()).isEqualTo(200);
    }

    @ParameterizedTest
    // the demo requires UV (the default): a request may raise the requirement, never lower it (API.md, issue 13)
    @CsvSource({"USER_VERIFICATION_REQUIREMENT_REQUIRED, required", "USER_VERIFICATION_REQUIREMENT_PREFERRED, required",
            "USER_VERIFICATION_REQUIREMENT_DISCOURAGED, required", "USER_VERIFICATION_REQUIREMENT_UNSPECIFIED, required",
            "'', required"})
    void whenAUserVerificationRequirementIsGivenThenTheRequestOptionsCarryItButNeverWeakerThanTheServers(String requirement,
            String expected) {
        ObjectNode body = usernameless();
        ((ObjectNode) body.at("/challenges/webAuthN")).put("userVerificationRequirement", requirement);

        Response r = api.post("/v2/sessions", null, body);

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().at("/challenges/webAuthN/publicKeyCredentialRequestOptions/publicKey/userVerification")
                .asText()).isEqualTo(expected);
    }

    @Test
    void whenASessionAsksForDiscouragedUserVerificationThenAnAssertionWithoutUvIsStill400() throws IOException {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Account dave = withPasskey(authenticator);
        ObjectNode body = usernameFirst(dave.loginName());
        ((ObjectNode) body.at("/challenges/webAuthN")).put("userVerificationRequirement", "USER_VERIFICATION_REQUIREMENT_DISCOURAGED");
        Response created = api.post("/v2/sessions", null, body);
        assertThat(created.status()).as(created.text()).isEqualTo(200);

        Response withoutUv = api.patch(session(created), token(created),
                check(authenticator.get(requestOptions(created), browser().userVerified(false))));

        assertError(withoutUv, 400, 3, "PASSKEY-USER-VERIFICATION-MISSING");
        Response withUv = api.patch(session(created), token(created), check(authenticator.get(requestOptions(created), browser())));
        assertThat(withUv.status()).as(withUv.text()).isEqualTo(200);
        Response read = api.send("GET", session(created), token(withUv), null);
        assertThat(read.json().at("/session/factors/webAuthN/userVerified").asBoolean()).isTrue();
    }

    @Test
    void whenSigningOutThenTheSessionsTokenNoLongerReadsItNorIsABearer() throws IOException {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Account carol = withPasskey(authenticator);
        Response created = api.post("/v2/sessions", null, usernameFirst(carol.loginName()));
        String bearer = token(api.patch(session(created), token(created),
                check(authenticator.get(requestOptions(created), browser()))));

        Response ended = api.delete(session(created), bearer);

        assertThat(ended.status()).as(ended.text()).isEqualTo(200);
        assertThat(fieldNames(ended.json())).containsExactly("details");
        assertThat(ended.json().at("/details/sequence").asText()).isEqualTo("3");
        assertThat(fieldNames(ended.json().get("details"))).containsExactly("sequence", "changeDate", "resourceOwner");
        assertThat(api.post(carol.user().passkeys() + "/_search", bearer, Map.of()).json()).isEqualTo(NOT_A_BEARER);
        assertThat(api.send("GET", session(created), bearer, null).json()).isEqualTo(NOT_THIS_SESSION);
        assertThat(api.delete(session(created), bearer).status()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ tokens

    @Test
    void whenTheSessionTokenIsUsedAsABearerBeforeThePasskeyCheckThenEveryUserRouteIs401() throws IOException {
        Account dave = withPasskey(new SoftwareAuthenticator());
        Response created = api.post("/v2/sessions", null, usernameFirst(dave.loginName()));
        String pending = token(created);

        List<Response> answers = List.of(
                api.post("/auth/v1/users/me/passwordless/_search", pending, Map.of()),
                api.post("/auth/v1/users/me/passwordless", pending, Map.of()),
                api.post("/auth/v1/users/me/passwordless/_link", pending, Map.of()),
                api.post(dave.user().passkeys() + "/_search", pending, Map.of()),
                api.post(dave.user().passkeys(), pending, Map.of()),
                api.post(dave.user().passkeys() + "/registration_link", pending, Map.of("returnCode", Map.of())));

        assertThat(answers).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json()).isEqualTo(NOT_A_BEARER);
        });
    }

    @Test
    void whenTheSessionIsUnknownOrTheTokenIsAnotherSessionsOrMissingThenTheAnswerIs401() {
        Response mine = api.post("/v2/sessions", null, usernameless());
        Response other = api.post("/v2/sessions", null, usernameless());
        Account erin = newAccount();

        List<Response> wrong = List.of(
                api.send("GET", "/v2/sessions/914569265367089152", token(mine), null),
                api.patch("/v2/sessions/914569265367089152", token(mine), Map.of()),
                api.delete("/v2/sessions/914569265367089152", token(mine)),
                api.send("GET", session(mine), token(other), null),
                api.patch(session(mine), token(other), Map.of()),
                api.delete(session(mine), token(other)),
                api.send("GET", session(mine), erin.user().token(), null),
                api.send("GET", session(mine), token(mine) + "x", null));
        Response missing = api.send("GET", session(mine), null, null);

        assertThat(wrong).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json()).isEqualTo(NOT_THIS_SESSION);
            assertThat(r.header("WWW-Authenticate")).hasValue("Bearer");
        });
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json()).isEqualTo(ErrorBodies.of(16, "PASSKEY-UNAUTHENTICATED",
                "an Authorization: Bearer <sessionToken> header is required"));
        assertThat(api.send("GET", session(mine), token(mine), null).status()).isEqualTo(200);
    }

    @Test
    void whenTheSameAssertionIsPatchedTwiceThenTheOldTokenIs401AndTheNewOneHearsTheCeremonyWasUsed() throws IOException {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Account frank = withPasskey(authenticator);
        Response created = api.post("/v2/sessions", null, usernameFirst(frank.loginName()));
        ObjectNode assertion = check(authenticator.get(requestOptions(created), browser()));
        Response first = api.patch(session(created), token(created), assertion);
        assertThat(first.status()).as(first.text()).isEqualTo(200);

        Response withOldToken = api.patch(session(created), token(created), assertion);
        Response withNewToken = api.patch(session(created), token(first), assertion);

        assertThat(withOldToken.status()).isEqualTo(401);
        assertThat(withOldToken.json()).isEqualTo(NOT_THIS_SESSION);
        assertError(withNewToken, 400, 9, "PASSKEY-CEREMONY-USED");
        assertThat(api.post(frank.user().passkeys() + "/_search", token(first), Map.of()).status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ the operation's own errors

    @Test
    void whenTheLoginNameIsUnknownThenTheAnswerIs404() {
        Response r = api.post("/v2/sessions", null, usernameFirst("nobody-" + UUID.randomUUID() + "@acme.test"));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json()).isEqualTo(ErrorBodies.of(5, "DEMO-USER-NOT-FOUND", "the user was not found"));
    }

    @Test
    void whenTheUserHasNoPasskeyThenTheAnswerIs400FailedPrecondition() {
        Account grace = newAccount();

        Response r = api.post("/v2/sessions", null, usernameFirst(grace.loginName()));

        assertError(r, 400, 9, "PASSKEY-NO-PASSKEYS");
    }

    @Test
    void whenTheUserIsNamedByIdThenTheSignInIsUsernameFirstToo() throws IOException {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Account henry = withPasskey(authenticator);
        ObjectNode body = usernameless();
        body.putObject("checks").putObject("user").put("userId", henry.user().userId());

        Response r = api.post("/v2/sessions", null, body);

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().at("/challenges/webAuthN/publicKeyCredentialRequestOptions/publicKey/allowCredentials")
                .findValuesAsText("id")).containsExactly(authenticator.last().id());
    }

    @Test
    void whenAnotherUsersPasskeyAnswersAUsernameFirstSignInThenItIsRefusedAndTheSessionStaysUnchecked()
            throws IOException {
        Account ivy = withPasskey(new SoftwareAuthenticator());
        SoftwareAuthenticator mallorys = new SoftwareAuthenticator();
        withPasskey(mallorys);
        Response created = api.post("/v2/sessions", null, usernameFirst(ivy.loginName()));

        Response r = api.patch(session(created), token(created), check(mallorys.get(requestOptions(created), browser())));

        assertError(r, 400, 3, "PASSKEY-CREDENTIAL-NOT-OWNED");
        assertThat(api.send("GET", session(created), token(created), null).json().at("/session/factors").has("webAuthN"))
                .isFalse();
        assertThat(api.post(ivy.user().passkeys() + "/_search", token(created), Map.of()).status()).isEqualTo(401);
    }

    @Test
    void whenThePasskeyWasRemovedThenAUsernamelessSignInWithItIsRefused() throws IOException {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Account jack = newAccount();
        String passkeyId = DemoApiTest.registerWith(api, server.origin(), jack.user(), authenticator, "Lost phone");
        assertThat(api.delete(jack.user().passkeys() + "/" + passkeyId, jack.user().token()).status()).isEqualTo(200);
        Response created = api.post("/v2/sessions", null, usernameless());

        Response r = api.patch(session(created), token(created), check(authenticator.get(requestOptions(created), browser())));

        // the reason, then the signalUnknownCredential payload (shared/API.md, WebAuthn Level 3 additions)
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("details")).hasSize(2);
        assertThat(r.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-CREDENTIAL-UNKNOWN");
        assertThat(r.json().at("/details/1/@type").asText())
                .isEqualTo("type.googleapis.com/passkey4j.v1.UnknownCredentialSignal");
        assertThat(r.json().at("/details/1/credentialId").asText()).isEqualTo(authenticator.last().id());
        assertThat(r.json().at("/details/1/rpId").asText()).isNotBlank();
    }

    @Test
    void whenTheAuthenticatorDidNotVerifyTheUserThenTheRequiredCheckIsRefused() throws IOException {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Account kate = withPasskey(authenticator);
        Response created = api.post("/v2/sessions", null, usernameFirst(kate.loginName()));

        Response r = api.patch(session(created), token(created),
                check(authenticator.get(requestOptions(created), browser().userVerified(false))));

        assertError(r, 400, 3, "PASSKEY-USER-VERIFICATION-MISSING");
    }

    @Test
    void whenTheRequestIsMalformedThenTheAnswerIs400WithTheField() {
        ObjectNode both = usernameless();
        both.putObject("checks").putObject("user").put("loginName", "a@acme.test").put("userId", "1");
        ObjectNode neither = usernameless();
        neither.putObject("checks").putObject("user");
        ObjectNode badUv = usernameless();
        ((ObjectNode) badUv.at("/challenges/webAuthN")).put("userVerificationRequirement", "ALWAYS");

        assertThat(api.post("/v2/sessions", null, Map.of()).json()).isEqualTo(ErrorBodies.of(3, "PASSKEY-FIELD-INVALID",
                "challenges.webAuthN is required: the demo's sessions sign in with a passkey"));
        assertThat(api.post("/v2/sessions", null, Map.of("challenges", Map.of("webAuthN", "yes"))).json())
                .isEqualTo(ErrorBodies.of(3, "PASSKEY-FIELD-INVALID", "challenges.webAuthN must be a JSON object"));
        assertThat(api.post("/v2/sessions", null, both).json())
                .isEqualTo(ErrorBodies.of(3, "PASSKEY-FIELD-INVALID", "checks.user needs either loginName or userId"));
        assertThat(api.post("/v2/sessions", null, neither).json())
                .isEqualTo(ErrorBodies.of(3, "PASSKEY-FIELD-INVALID", "checks.user needs either loginName or userId"));
        assertError(api.post("/v2/sessions", null, badUv), 400, 3, "PASSKEY-FIELD-INVALID");
        ObjectNode otherDomain = usernameless();
        ((ObjectNode) otherDomain.at("/challenges/webAuthN")).put("domain", "example.com");
        assertError(api.post("/v2/sessions", null, otherDomain), 400, 3, "PASSKEY-RP-ID-NOT-ALLOWED");

        Response created = api.post("/v2/sessions", null, usernameless());
        assertThat(api.patch(session(created), token(created), Map.of()).json()).isEqualTo(
                ErrorBodies.of(3, "PASSKEY-FIELD-INVALID", "checks.webAuthN.credentialAssertionData is required"));
        assertError(api.patch(session(created), token(created),
                Map.of("checks", Map.of("webAuthN", Map.of("credentialAssertionData", "{}")))), 400, 3,
                "PASSKEY-CREDENTIAL-INVALID");
        assertError(api.patch(session(created), token(created),
                Map.of("checks", Map.of("webAuthN", Map.of("credentialAssertionData", Map.of("id", "x"))))), 400, 3,
                "PASSKEY-CREDENTIAL-INVALID");
    }

    @Test
    void whenSeveralThingsAreWrongThenTheSessionRoutesFollowTheContractsOrder() {
        Response created = api.post("/v2/sessions", null, usernameless());

        // wrong method beats a missing bearer
        assertThat(api.send("PUT", session(created), null, "{").status()).isEqualTo(405);
        assertThat(api.send("PUT", session(created), null, "{").header("Allow")).hasValue("GET, PATCH, DELETE");
        assertThat(api.send("GET", "/v2/sessions", null, null).header("Allow")).hasValue("POST");
        // a missing or wrong bearer beats a body that is not JSON
        assertThat(api.send("PATCH", session(created), null, "{").status()).isEqualTo(401);
        assertThat(api.send("PATCH", session(created), "nope", "{").status()).isEqualTo(401);
        // then the body
        assertThat(api.send("PATCH", session(created), token(created), "{").status()).isEqualTo(400);
        // creating a session needs no bearer: a bad body there is 400
        assertThat(api.send("POST", "/v2/sessions", null, "{").status()).isEqualTo(400);
    }
}
