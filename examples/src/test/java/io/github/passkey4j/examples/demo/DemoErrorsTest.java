package io.github.passkey4j.examples.demo;

import static io.github.passkey4j.examples.demo.ApiClient.JSON;
import static io.github.passkey4j.examples.demo.ApiClient.base64;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every bad request of the contract (API.md "Precise points") with its exact status and error body,
 * and the order in which they are checked: 404, 405, 413, 401, 400, then the operation's own.
 */
class DemoErrorsTest {

    private static final String TYPE = "type.googleapis.com/zitadel.v1.ErrorDetail";

    private static DemoHost server;
    private static ApiClient api;
    private static User alice;
    private static User bob;
    private static String alicePasskey;

    @BeforeAll
    static void start() throws IOException {
        server = DemoHost.start(DemoOptions.defaults().withPort(0)
                .withJdbcUrl("jdbc:h2:mem:errors-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        api = new ApiClient(server.uri());
        alice = api.signUp("alice-" + UUID.randomUUID() + "@acme.test");
        bob = api.signUp("bob-" + UUID.randomUUID() + "@acme.test");
        alicePasskey = register(alice, new SoftwareAuthenticator(), Options.from(server.origin()), "Alice's laptop");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String register(User user, SoftwareAuthenticator authenticator, Options options, String name)
            throws IOException {
        Response begun = api.post(user.passkeys(), user.token(), Map.of());
        String passkeyId = begun.json().get("passkeyId").asText();
        Response verified = api.post(user.passkeys() + "/" + passkeyId, user.token(),
                verifyBody(authenticator.create(begun.json().get("publicKeyCredentialCreationOptions").toString(), options), name));
        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        return passkeyId;
    }

    private static ObjectNode verifyBody(String credentialJson, String name) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.set("publicKeyCredential", JSON.readTree(credentialJson));
        body.put("passkeyName", name);
        return body;
    }

    private static void assertError(Response r, int status, int code, String id) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.mediaType()).isEqualTo("application/json;charset=utf-8");
        JsonNode body = r.json();
        assertThat(body.get("code").asInt()).as(r.text()).isEqualTo(code);
        assertThat(body.get("details")).hasSize(1);
        assertThat(body.at("/details/0/@type").asText()).isEqualTo(TYPE);
        assertThat(body.at("/details/0/id").asText()).isEqualTo(id);
        assertThat(body.get("message").asText()).isNotBlank().isEqualTo(body.at("/details/0/message").asText());
    }

    // ------------------------------------------------------------------ 401

    static Stream<Arguments> userRoutes() {
        return Stream.of(
                Arguments.of("POST", "/auth/v1/users/me/passwordless"),
                Arguments.of("POST", "/auth/v1/users/me/passwordless/_verify"),
                Arguments.of("POST", "/auth/v1/users/me/passwordless/_search"),
                Arguments.of("POST", "/auth/v1/users/me/passwordless/_link"),
                Arguments.of("DELETE", "/auth/v1/users/me/passwordless/1"),
                Arguments.of("POST", "/v2/users/1/passkeys/_search"),
                Arguments.of("POST", "/v2/users/1/passkeys/registration_link"),
                Arguments.of("PATCH", "/v2/users/1/passkeys/1"),
                Arguments.of("DELETE", "/v2/users/1/passkeys/1"),
                Arguments.of("GET", "/v2/sessions/1"),
                Arguments.of("PATCH", "/v2/sessions/1"),
                Arguments.of("DELETE", "/v2/sessions/1"));
    }

    @Test
    void whenThereIsNeitherABearerNorACodeThenRegisteringIs401() {
        Response r = api.send("POST", "/v2/users/1/passkeys", null, "{}");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json()).isEqualTo(ErrorBodies.of(16, "PASSKEY-UNAUTHENTICATED",
                "an Authorization: Bearer <sessionToken> header or a registration code is required"));
        assertThat(r.header("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void whenThereIsNoBearerThenVerifyingARegistrationNotBegunWithACodeIs401WhateverTheBody() {
        for (String body : List.of("{}", "{\"publicKeyCredential\": {}, \"passkeyName\": \"\"}")) {
            Response r = api.send("POST", "/v2/users/1/passkeys/123456789", null, body);

            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("code").asInt()).isEqualTo(16);
            assertThat(r.json().get("details").get(0).get("id").asText()).isEqualTo("PASSKEY-CODE-REQUIRED");
        }
    }

    @ParameterizedTest
    @MethodSource("userRoutes")
    void whenThereIsNoBearerThenEveryUserRouteIs401(String method, String path) {
        Response r = api.send(method, path, null, method.equals("DELETE") || method.equals("GET") ? null : "{}");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json()).isEqualTo(ErrorBodies.of(16, "PASSKEY-UNAUTHENTICATED",
                "an Authorization: Bearer <sessionToken> header is required"));
        assertThat(r.header("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void whenTheBearerIsUnknownThenTheAnswerIs401() {
        String token = alice.token();
        // the real token with its first character changed (a fixed "x" would be the same token when it starts with x)
        String unknown = (token.charAt(0) == 'x' ? "y" : "x") + token.substring(1);
        Response r = api.post("/auth/v1/users/me/passwordless/_search", unknown, Map.of());

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json()).isEqualTo(ErrorBodies.of(16, "PASSKEY-UNAUTHENTICATED", "the session token is not valid"));
    }

    @Test
    void whenTheAuthorizationIsNotABearerThenTheAnswerIs401() {
        Response r = api.send("POST", "/auth/v1/users/me/passwordless/_search", null, "{}");
        Response basic = sendWithAuthorization("Basic " + base64("alice:secret"));

        assertThat(r.status()).isEqualTo(401);
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.json()).isEqualTo(r.json());
    }

    private static Response sendWithAuthorization(String authorization) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(server.uri().resolve("/auth/v1/users/me/passwordless/_search"))
                            .header("Authorization", authorization)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ 403 and 404 of the operations

    @ParameterizedTest
    @ValueSource(strings = {"POST /passkeys", "POST /passkeys/_search", "POST /passkeys/{id}", "PATCH /passkeys/{id}",
            "DELETE /passkeys/{id}", "POST /passkeys/registration_link"})
    void whenThePathNamesAnotherUserThenTheAnswerIs403(String route) {
        String[] parts = route.split(" ");
        String path = "/v2/users/" + alice.userId() + parts[1].replace("{id}", alicePasskey);
        String body = parts[0].equals("DELETE") ? null : "{\"passkeyName\": \"Mine now\"}";

        Response r = api.send(parts[0], path, bob.token(), body);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json()).isEqualTo(ErrorBodies.of(7, "PASSKEY-PERMISSION-DENIED",
                "the session may act on its own user only"));
        assertThat(api.post(alice.passkeys() + "/_search", alice.token(), Map.of()).json()
                .get("result").findValuesAsText("name")).containsExactly("Alice's laptop");
    }

    @Test
    void whenAPasskeyIdIsAnotherUsersUnderYourOwnPathThenTheAnswerIs404() {
        Response rename = api.patch(bob.passkeys() + "/" + alicePasskey, bob.token(), Map.of("passkeyName", "Mine"));
        Response removeV2 = api.delete(bob.passkeys() + "/" + alicePasskey, bob.token());
        Response removeV1 = api.delete("/auth/v1/users/me/passwordless/" + alicePasskey, bob.token());

        for (Response r : List.of(rename, removeV2, removeV1)) {
            assertError(r, 404, 5, "PASSKEY-NOT-FOUND");
        }
    }

    @Test
    void whenAPasskeyIdIsUnknownOrRemovedThenTheAnswerIs404() throws IOException {
        User carol = api.signUp("carol-" + UUID.randomUUID() + "@acme.test");
        String removed = register(carol, new SoftwareAuthenticator(), Options.from(server.origin()), "Soon gone");
        assertThat(api.delete(carol.passkeys() + "/" + removed, carol.token()).status()).isEqualTo(200);

        assertError(api.delete(carol.passkeys() + "/" + removed, carol.token()), 404, 5, "PASSKEY-NOT-FOUND");
        assertError(api.patch(carol.passkeys() + "/" + removed, carol.token(), Map.of("passkeyName", "Back")),
                404, 5, "PASSKEY-NOT-FOUND");
        assertError(api.delete(carol.passkeys() + "/914569265367089152", carol.token()), 404, 5, "PASSKEY-NOT-FOUND");
    }

    // ------------------------------------------------------------------ 400: not JSON, wrong fields

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"passkeyName\": }", "not json", "{} {}", "[1, 2]", "\"text\"", "{\"a\": 1, \"a\": 2}"})
    void whenTheBodyIsNotAJsonObjectThenTheAnswerIs400(String body) {
        Response r = api.send("POST", alice.passkeys() + "/_search", alice.token(), body);

        assertError(r, 400, 3, "PASSKEY-BODY-NOT-JSON");
    }

    @Test
    void whenAFieldHasTheWrongTypeThenTheAnswerIs400() {
        Response name = api.patch(alice.passkeys() + "/" + alicePasskey, alice.token(), Map.of("passkeyName", 42));
        Response attachment = api.post(alice.passkeys(), alice.token(), Map.of("authenticator", "PASSKEY_AUTHENTICATOR_USB"));
        Response verification = api.post("/auth/v1/users/me/passwordless/_verify", alice.token(), Map.of("verification", "x"));

        assertError(name, 400, 3, "PASSKEY-FIELD-INVALID");
        assertThat(name.json().get("message").asText()).isEqualTo("passkeyName must be a string");
        assertError(attachment, 400, 3, "PASSKEY-FIELD-INVALID");
        assertError(verification, 400, 3, "PASSKEY-FIELD-INVALID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "tab\there", "line\nbreak"})
    void whenANameIsEmptyOrHasControlCharactersThenRenameIs400(String name) {
        Response r = api.patch(alice.passkeys() + "/" + alicePasskey, alice.token(), Map.of("passkeyName", name));

        assertError(r, 400, 3, "PASSKEY-NAME-INVALID");
    }

    @Test
    void whenANameHas201CodePointsThenItIs400And200AreFine() {
        String emoji = "\uD83D\uDD11"; // one code point, two chars
        Response tooLong = api.patch(alice.passkeys() + "/" + alicePasskey, alice.token(),
                Map.of("passkeyName", emoji.repeat(201)));
        Response longest = api.patch(alice.passkeys() + "/" + alicePasskey, alice.token(),
                Map.of("passkeyName", emoji.repeat(200)));
        api.patch(alice.passkeys() + "/" + alicePasskey, alice.token(), Map.of("passkeyName", "Alice's laptop"));

        assertError(tooLong, 400, 3, "PASSKEY-NAME-INVALID");
        assertThat(longest.status()).isEqualTo(200);
    }

    @Test
    void whenTheV1CredentialIsNotBase64ThenTheAnswerIs400() {
        Response r = api.post("/auth/v1/users/me/passwordless/_verify", alice.token(),
                Map.of("verification", Map.of("publicKeyCredential", "not base64!", "tokenName", "Laptop")));

        assertError(r, 400, 3, "PASSKEY-BASE64-INVALID");
    }

    @Test
    void whenTheCredentialIsOver64KiBThenTheAnswerIs400ForV1AfterDecodingAndForV2() {
        User dave = api.signUp("dave-" + UUID.randomUUID() + "@acme.test");
        String passkeyId = api.post(dave.passkeys(), dave.token(), Map.of()).json().get("passkeyId").asText();
        String big = "{\"id\": \"" + "A".repeat(64 * 1024) + "\"}";

        Response v1 = api.post("/auth/v1/users/me/passwordless/_verify", dave.token(),
                Map.of("verification", Map.of("publicKeyCredential", base64(big), "tokenName", "Big"), "tokenId", passkeyId));
        Response v2 = api.post(dave.passkeys() + "/" + passkeyId, dave.token(),
                Map.of("publicKeyCredential", Map.of("id", "A".repeat(64 * 1024)), "passkeyName", "Big"));

        assertError(v1, 400, 3, "PASSKEY-CREDENTIAL-TOO-LARGE");
        assertError(v2, 400, 3, "PASSKEY-CREDENTIAL-TOO-LARGE");
    }

    @Test
    void whenTheV2CredentialIsNotAnObjectThenTheAnswerIs400() {
        User erin = api.signUp("erin-" + UUID.randomUUID() + "@acme.test");
        String passkeyId = api.post(erin.passkeys(), erin.token(), Map.of()).json().get("passkeyId").asText();

        Response r = api.post(erin.passkeys() + "/" + passkeyId, erin.token(),
                Map.of("publicKeyCredential", "{\"id\": \"x\"}", "passkeyName", "String"));

        assertError(r, 400, 3, "PASSKEY-CREDENTIAL-INVALID");
    }

    @Test
    void whenTheAuthenticatorDidNotVerifyTheUserThenTheAnswerIs400AndNothingIsStored() throws IOException {
        User frank = api.signUp("frank-" + UUID.randomUUID() + "@acme.test");
        Response begun = api.post(frank.passkeys(), frank.token(), Map.of());
        String credential = new SoftwareAuthenticator().create(begun.json().get("publicKeyCredentialCreationOptions").toString(),
                Options.from(server.origin()).userVerified(false));

        Response r = api.post(frank.passkeys() + "/" + begun.json().get("passkeyId").asText(), frank.token(),
                verifyBody(credential, "No UV"));

        assertError(r, 400, 3, "PASSKEY-USER-VERIFICATION-MISSING");
        assertThat(api.post(frank.passkeys() + "/_search", frank.token(), Map.of()).json().get("result")).isEmpty();
    }

    @Test
    void whenTheCredentialComesFromAnotherOriginThenTheAnswerIs400() throws IOException {
        User grace = api.signUp("grace-" + UUID.randomUUID() + "@acme.test");
        Response begun = api.post(grace.passkeys(), grace.token(), Map.of());
        String credential = new SoftwareAuthenticator().create(begun.json().get("publicKeyCredentialCreationOptions").toString(),
                Options.from("https://evil.example"));

        Response r = api.post(grace.passkeys() + "/" + begun.json().get("passkeyId").asText(), grace.token(),
                verifyBody(credential, "Phished"));

        assertError(r, 400, 3, "PASSKEY-ORIGIN-NOT-ALLOWED");
    }

    @Test
    void whenTheDomainIsNotTheDemosRpIdThenTheAnswerIs400() {
        Response r = api.post(alice.passkeys(), alice.token(), Map.of("domain", "example.com"));

        assertError(r, 400, 3, "PASSKEY-RP-ID-NOT-ALLOWED");
    }

    @Test
    void whenTheCredentialIsRegisteredToAnotherUserThenTheAnswerIs409() throws IOException {
        byte[] credentialId = new byte[32];
        credentialId[0] = 7;
        User henry = api.signUp("henry-" + UUID.randomUUID() + "@acme.test");
        User ivy = api.signUp("ivy-" + UUID.randomUUID() + "@acme.test");
        register(henry, new SoftwareAuthenticator(), Options.from(server.origin()).credentialId(credentialId), "Shared");
        Response begun = api.post(ivy.passkeys(), ivy.token(), Map.of());
        String credential = new SoftwareAuthenticator().create(begun.json().get("publicKeyCredentialCreationOptions").toString(),
                Options.from(server.origin()).credentialId(credentialId));

        Response r = api.post(ivy.passkeys() + "/" + begun.json().get("passkeyId").asText(), ivy.token(),
                verifyBody(credential, "Shared too"));

        assertError(r, 409, 6, "PASSKEY-CREDENTIAL-EXISTS");
    }

    // ------------------------------------------------------------------ 404 and 405 of the server

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/auth/v1/users/me/passwordless/", "/v2/users/1/passkeys/1/extra", "/v2/users//passkeys",
            "/v2/sessions/", "/v2/sessions/1/extra", "/demo/users/1", "/register/x"})
    void whenThePathIsUnknownThenTheAnswerIs404(String path) {
        Response r = api.post(path, alice.token(), Map.of());

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json()).isEqualTo(ErrorBodies.of(5, "DEMO-PATH-NOT-FOUND", "no such path"));
    }

    @Test
    void whenTheMethodIsWrongThenTheAnswerIs405WithCode12AndTheAllowedMethods() {
        Response get = api.send("GET", "/auth/v1/users/me/passwordless", alice.token(), null);
        Response put = api.send("PUT", alice.passkeys() + "/" + alicePasskey, alice.token(), "{}");
        Response deleteSearch = api.send("DELETE", alice.passkeys() + "/_search", alice.token(), null);
        Response postPage = api.send("POST", "/", null, "{}");

        assertThat(get.status()).isEqualTo(405);
        assertThat(get.json()).isEqualTo(ErrorBodies.of(12, "DEMO-METHOD-NOT-ALLOWED",
                "method not allowed on this path; allowed: POST"));
        assertThat(get.header("Allow")).hasValue("POST");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow")).hasValue("POST, PATCH, DELETE");
        assertThat(deleteSearch.status()).as("_search is its own route, not a passkey id").isEqualTo(405);
        assertThat(postPage.status()).isEqualTo(405);
        assertThat(postPage.header("Allow")).hasValue("GET, HEAD");
    }

    // ------------------------------------------------------------------ 413

    @Test
    void whenContentLengthIsOver1MiBThenTheAnswerIs413BeforeTheBodyIsSent() throws IOException {
        String head = "POST " + alice.passkeys() + "/_search HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + alice.token() + "\r\nContent-Type: application/json\r\nContent-Length: " + (1024 * 1024 + 1) + "\r\n\r\n";

        String response = api.raw(head, new byte[0], 0, 0);

        assertThat(response).startsWith("HTTP/1.1 413 ");
        JsonNode body = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertThat(body).isEqualTo(ErrorBodies.of(3, "PASSKEY-BODY-TOO-LARGE", "the request body is larger than 1 MiB"));
    }

    @Test
    void whenAChunkedBodyGrowsOver1MiBThenTheAnswerIs413WhileReading() throws IOException {
        String head = "POST " + alice.passkeys() + "/_search HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + alice.token() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";

        // 1 MiB + 64 KiB of whitespace announced in chunks, and the stream never ends: the server must not wait for it
        String response = api.raw(head, new byte[0], 64 * 1024, 17);

        assertThat(response).startsWith("HTTP/1.1 413 ");
        JsonNode body = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertThat(body.at("/details/0/id").asText()).isEqualTo("PASSKEY-BODY-TOO-LARGE");
        assertThat(body.get("code").asInt()).isEqualTo(3);
    }

    @Test
    void whenAClientSendsABodyOver1MiBEagerlyThenItStillReadsThe413() {
        String big = "{\"publicKeyCredential\": \"" + "A".repeat(2 * 1024 * 1024) + "\"}";

        Response r = api.send("POST", "/auth/v1/users/me/passwordless/_verify", alice.token(), big);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json()).isEqualTo(ErrorBodies.of(3, "PASSKEY-BODY-TOO-LARGE", "the request body is larger than 1 MiB"));
    }

    @Test
    void whenTheBodyIsExactly1MiBThenItIsRead() {
        String body = "{}" + " ".repeat(1024 * 1024 - 2);
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(1024 * 1024);

        Response r = api.send("POST", alice.passkeys() + "/_search", alice.token(), body);

        assertThat(r.status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ precedence

    @Test
    void whenSeveralThingsAreWrongThenTheyAreReportedInTheContractsOrder() throws IOException {
        String big = "{}" + " ".repeat(1024 * 1024 + 10);

        // unknown path beats everything
        assertThat(api.send("GET", "/nope", null, null).status()).isEqualTo(404);
        // wrong method beats a missing bearer and a bad body
        assertThat(api.send("PUT", "/auth/v1/users/me/passwordless", null, "{").status()).isEqualTo(405);
        // too large beats a missing bearer
        assertThat(api.send("POST", "/auth/v1/users/me/passwordless/_search", null, big).status()).isEqualTo(413);
        // a missing bearer beats a body that is not JSON
        assertThat(api.send("POST", "/auth/v1/users/me/passwordless/_search", null, "{").status()).isEqualTo(401);
        // a body that is not JSON beats another user's id
        assertThat(api.send("POST", alice.passkeys() + "/_search", bob.token(), "{").status()).isEqualTo(400);
        // sign-up needs no bearer: a bad body there is 400
        assertThat(api.send("POST", "/demo/users", null, "{").status()).isEqualTo(400);
    }
}
