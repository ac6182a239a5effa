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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registration codes and links (API.md: {@code _link}, {@code registration_link}, register with a
 * code): their shapes, a registration from a device that is not signed in, and every way a code can
 * be refused, with the exact status and body.
 */
class DemoCodesTest {

    private static final String CODE = "[2-9A-HJ-NP-Z]{16}";

    private static DemoHost server;
    private static ApiClient api;
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws IOException {
        server = DemoHost.start(DemoOptions.defaults().withPort(0)
                .withJdbcUrl("jdbc:h2:mem:codes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), Clock.systemUTC(),
                new PrintStream(CONSOLE, true, StandardCharsets.UTF_8));
        api = new ApiClient(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static User newUser() {
        return api.signUp("user-" + UUID.randomUUID() + "@acme.test");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The lines the demo's notifier printed that name the user. */
    private static List<String> printedFor(User user) {
        return CONSOLE.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("(user " + user.userId() + ")")).toList();
    }

    private static Map<String, String> query(String link) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    private static Map<String, Object> code(String id, String code) {
        return Map.of("code", Map.of("id", id, "code", code));
    }

    private static Response returnCode(User user) {
        Response r = api.post(user.passkeys() + "/registration_link", user.token(), Map.of("returnCode", Map.of()));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r;
    }

    private static ObjectNode verifyBody(String credentialJson, String name) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.set("publicKeyCredential", JSON.readTree(credentialJson));
        body.put("passkeyName", name);
        return body;
    }

    /** Registers from a device without a session: begin with the code, verify without a bearer. */
    private static Response registerWithCode(String userId, String codeId, String code, SoftwareAuthenticator device,
            String name) throws IOException {
        String passkeys = "/v2/users/" + userId + "/passkeys";
        Response begun = api.post(passkeys, null, code(codeId, code));
        if (begun.status() != 200) {
            return begun;
        }
        String credential = device.create(begun.json().get("publicKeyCredentialCreationOptions").toString(),
                Options.from(server.origin()));
        return api.post(passkeys + "/" + begun.json().get("passkeyId").asText(), null, verifyBody(credential, name));
    }

    private static List<String> names(User user) {
        return api.post(user.passkeys() + "/_search", user.token(), Map.of()).json().get("result").findValuesAsText("name");
    }

    private static final JsonNode NOT_VALID = ErrorBodies.of(3, "PASSKEY-CODE-INVALID", "the registration code is not valid");
    private static final JsonNode BLOCKED = ErrorBodies.of(3, "PASSKEY-CODE-INVALID",
            "the registration code was blocked after too many wrong tries");

    // ------------------------------------------------------------------ shapes

    @Test
    void whenALinkIsRequestedThroughV1ThenItIsTheRegisterPageWithTheUserOrganisationAndANewCode() {
        User alice = newUser();

        Response r = api.post("/auth/v1/users/me/passwordless/_link", alice.token(), Map.of());

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(fieldNames(r.json())).containsExactly("details", "link", "expiration");
        assertThat(fieldNames(r.json().get("details"))).containsExactly("sequence", "creationDate", "changeDate", "resourceOwner");
        assertThat(r.json().at("/details/creationDate").asText()).matches(TIMESTAMP)
                .isEqualTo(r.json().at("/details/changeDate").asText());
        assertThat(r.json().at("/details/resourceOwner").asText()).isEqualTo(alice.resourceOwner());
        assertThat(r.json().get("expiration").asText()).isEqualTo("3600s");
        String link = r.json().get("link").asText();
        assertThat(link).startsWith(server.origin() + "/register?userID=" + alice.userId() + "&orgID=" + alice.resourceOwner()
                + "&codeID=").matches(".*&codeID=\\d+&code=" + CODE);
        assertThat(printedFor(alice)).as("_link answers the link; it sends nothing").isEmpty();
    }

    @Test
    void whenTheLinkRouteIsCalledWithAnotherMethodThenItIsNotMistakenForAPasskeyId() {
        User bob = newUser();

        Response delete = api.delete("/auth/v1/users/me/passwordless/_link", bob.token());

        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.header("Allow")).hasValue("POST");
    }

    @Test
    void whenACodeIsReturnedThenTheAnswerIsV2sReturnCodeShapeAndNothingIsSent() {
        User carol = newUser();

        Response r = returnCode(carol);

        assertThat(fieldNames(r.json())).containsExactly("details", "code");
        assertThat(fieldNames(r.json().get("code"))).containsExactly("id", "code");
        assertThat(r.json().at("/code/id").asText()).matches("\\d+");
        assertThat(r.json().at("/code/code").asText()).matches(CODE);
        assertThat(r.json().at("/details/creationDate").asText()).isEqualTo(r.json().at("/details/changeDate").asText());
        assertThat(printedFor(carol)).isEmpty();
    }

    @Test
    void whenALinkIsSentWithATemplateThenTheNotifierPrintsItAndTheAnswerHasOnlyTheDetails() {
        User dave = newUser();

        Response r = api.post(dave.passkeys() + "/registration_link", dave.token(), Map.of("sendLink",
                Map.of("urlTemplate", "https://login.acme.test/passkey?u={{.UserID}}&o={{.OrgID}}&i={{.CodeID}}&c={{.Code}}")));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(fieldNames(r.json())).containsExactly("details");
        List<String> printed = printedFor(dave);
        assertThat(printed).hasSize(1);
        assertThat(printed.get(0)).startsWith("registration link for " + "user-").contains("valid until ")
                .matches(".*: https://login\\.acme\\.test/passkey\\?u=" + dave.userId() + "&o=" + dave.resourceOwner()
                        + "&i=\\d+&c=" + CODE + "$");
    }

    @Test
    void whenALinkIsSentWithoutATemplateOrWithNeitherOptionThenTheDefaultLinkIsPrintedAndItRegisters()
            throws IOException {
        User erin = newUser();

        Response withoutTemplate = api.post(erin.passkeys() + "/registration_link", erin.token(), Map.of("sendLink", Map.of()));
        Response neither = api.post(erin.passkeys() + "/registration_link", erin.token(), Map.of());

        assertThat(withoutTemplate.status()).as(withoutTemplate.text()).isEqualTo(200);
        assertThat(neither.status()).as(neither.text()).isEqualTo(200);
        List<String> printed = printedFor(erin);
        assertThat(printed).hasSize(2).allSatisfy(line -> assertThat(line).contains(": " + server.origin() + "/register?userID="));
        Map<String, String> q = query(printed.get(1).substring(printed.get(1).indexOf(": http") + 2));
        assertThat(q.keySet()).containsExactly("userID", "orgID", "codeID", "code");
        assertThat(registerWithCode(q.get("userID"), q.get("codeID"), q.get("code"), new SoftwareAuthenticator(), "From mail")
                .status()).isEqualTo(200);
        assertThat(names(erin)).containsExactly("From mail");
    }

    @Test
    void whenReturnCodeAndSendLinkAreCombinedOrTheTemplateIsNotAUrlThenTheAnswerIs400() {
        User frank = newUser();

        Response both = api.post(frank.passkeys() + "/registration_link", frank.token(),
                Map.of("returnCode", Map.of(), "sendLink", Map.of()));
        Response noCodePlaceholder = api.post(frank.passkeys() + "/registration_link", frank.token(),
                Map.of("sendLink", Map.of("urlTemplate", "https://login.acme.test/register?user={{.UserID}}")));

        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json()).isEqualTo(ErrorBodies.of(3, "PASSKEY-FIELD-INVALID", "returnCode and sendLink cannot be combined"));
        assertThat(noCodePlaceholder.status()).isEqualTo(400);
        assertThat(noCodePlaceholder.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-ARGUMENT-INVALID");
        assertThat(printedFor(frank)).isEmpty();
    }

    // ------------------------------------------------------------------ registering with a code

    @Test
    void whenADeviceWithoutASessionRegistersWithACodeThenThePasskeyIsTheUsersAndTheCodeIsUsedUp() throws IOException {
        User grace = newUser();
        JsonNode code = returnCode(grace).json().get("code");

        Response begun = api.post(grace.passkeys(), null, code(code.get("id").asText(), code.get("code").asText()));
        assertThat(begun.status()).as(begun.text()).isEqualTo(200);
        assertThat(fieldNames(begun.json())).containsExactly("details", "passkeyId", "publicKeyCredentialCreationOptions");
        assertThat(begun.json().at("/publicKeyCredentialCreationOptions/publicKey/user/name").asText())
                .startsWith("user-");
        String credential = new SoftwareAuthenticator().create(begun.json().get("publicKeyCredentialCreationOptions").toString(),
                Options.from(server.origin()));
        Response verified = api.post(grace.passkeys() + "/" + begun.json().get("passkeyId").asText(), null,
                verifyBody(credential, "Kiosk"));

        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        assertThat(fieldNames(verified.json().get("details"))).containsExactly("sequence", "changeDate", "resourceOwner");
        assertThat(names(grace)).containsExactly("Kiosk");
        Response again = registerWithCode(grace.userId(), code.get("id").asText(), code.get("code").asText(),
                new SoftwareAuthenticator(), "Second");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json()).isEqualTo(ErrorBodies.of(3, "PASSKEY-CODE-INVALID", "the registration code was used already"));
        assertThat(names(grace)).containsExactly("Kiosk");
    }

    @Test
    void whenAWrongCodeIsTriedThreeTimesThenTheCodeIsBurntAndTheRightOneIsRefused() throws IOException {
        User henry = newUser();
        JsonNode code = returnCode(henry).json().get("code");
        String id = code.get("id").asText();

        Response first = api.post(henry.passkeys(), null, code(id, "WRONGWRONGWRONG2"));
        Response second = api.post(henry.passkeys(), null, code(id, "WRONGWRONGWRONG3"));
        Response third = api.post(henry.passkeys(), null, code(id, "WRONGWRONGWRONG4"));
        Response right = registerWithCode(henry.userId(), id, code.get("code").asText(), new SoftwareAuthenticator(), "Late");

        assertThat(List.of(first, second)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json()).isEqualTo(NOT_VALID);
        });
        assertThat(third.status()).isEqualTo(400);
        assertThat(third.json()).isEqualTo(BLOCKED);
        assertThat(right.status()).isEqualTo(400);
        assertThat(right.json()).isEqualTo(BLOCKED);
        assertThat(names(henry)).isEmpty();
    }

    @Test
    void whenAnotherUsersCodeOrAnUnknownUserOrCodeIsUsedThenTheAnswerIsTheSame400() {
        User ivy = newUser();
        User mallory = newUser();
        JsonNode ivysCode = returnCode(ivy).json().get("code");

        Response othersCode = api.post(mallory.passkeys(), null, code(ivysCode.get("id").asText(), ivysCode.get("code").asText()));
        Response unknownUser = api.post("/v2/users/914569265367089152/passkeys", null,
                code(ivysCode.get("id").asText(), ivysCode.get("code").asText()));
        Response unknownCode = api.post(ivy.passkeys(), null, code("914569265367089152", "ABCDEFGHJKLMNPQR"));
        Response emptyCode = api.post(ivy.passkeys(), null, code("", ""));

        assertThat(List.of(othersCode, unknownUser, unknownCode, emptyCode)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json()).isEqualTo(NOT_VALID);
        });
        assertThat(names(mallory)).isEmpty();
    }

    @Test
    void whenARegistrationNotBegunWithACodeIsVerifiedWithoutABearerThenTheAnswerIs401() throws IOException {
        User jack = newUser();
        Response begun = api.post(jack.passkeys(), jack.token(), Map.of());
        String credential = new SoftwareAuthenticator().create(begun.json().get("publicKeyCredentialCreationOptions").toString(),
                Options.from(server.origin()));

        Response r = api.post(jack.passkeys() + "/" + begun.json().get("passkeyId").asText(), null,
                verifyBody(credential, "Sneaky"));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asInt()).isEqualTo(16);
        assertThat(r.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-CODE-REQUIRED");
        assertThat(names(jack)).isEmpty();
    }

    @Test
    void whenACodeComesWithAnotherUsersBearerThenTheOwnerRuleAnswers403AndTheCodeIsNotTouched() throws IOException {
        User kate = newUser();
        User mallory = newUser();
        JsonNode code = returnCode(kate).json().get("code");

        Response r = api.post(kate.passkeys(), mallory.token(), code(code.get("id").asText(), code.get("code").asText()));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-PERMISSION-DENIED");
        assertThat(registerWithCode(kate.userId(), code.get("id").asText(), code.get("code").asText(),
                new SoftwareAuthenticator(), "Still good").status()).isEqualTo(200);
    }

    @Test
    void whenTheCodeFieldIsNotAnObjectThenTheAnswerIs400() {
        User liam = newUser();

        Response r = api.post(liam.passkeys(), null, Map.of("code", "ABCDEFGHJKLMNPQR"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).isEqualTo(ErrorBodies.of(3, "PASSKEY-FIELD-INVALID", "code must be a JSON object"));
    }

    // ------------------------------------------------------------------ the page a link opens

    @Test
    void whenTheRegisterPageIsRequestedThenItIsServedWithNoReferrerAndNotCached() {
        Response page = api.send("GET", "/register?userID=1&orgID=2&codeID=3&code=ABCDEFGHJKLMNPQR", null, null);
        Response script = api.send("GET", "/register.js", null, null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.mediaType()).isEqualTo("text/html;charset=utf-8");
        assertThat(page.header("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.header("Cache-Control")).hasValue("no-store");
        assertThat(page.header("Content-Security-Policy")).isPresent();
        assertThat(page.text()).contains("<meta name=\"referrer\" content=\"no-referrer\">").doesNotContain("ABCDEFGHJKLMNPQR");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.mediaType()).isEqualTo("text/javascript;charset=utf-8");
    }
}
