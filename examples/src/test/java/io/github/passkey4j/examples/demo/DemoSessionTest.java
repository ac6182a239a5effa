package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import io.github.passkey4j.testing.MutableClock;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's sessions and codes on a moved clock: sign-up and signed-in tokens last seven days, a
 * sign-in that is not checked ten minutes, its ceremony 90 seconds, a registration code an hour.
 */
class DemoSessionTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00.000Z"));
    private DemoHost server;
    private ApiClient api;

    @BeforeEach
    void start() throws IOException {
        server = DemoHost.start(DemoOptions.defaults().withPort(0)
                .withJdbcUrl("jdbc:h2:mem:sessions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), clock,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        api = new ApiClient(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Response beginSignIn(String loginName) {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.putObject("checks").putObject("user").put("loginName", loginName);
        body.putObject("challenges").putObject("webAuthN").put("domain", "localhost");
        Response created = api.post("/v2/sessions", null, body);
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        return created;
    }

    private Response check(Response created, SoftwareAuthenticator authenticator) throws IOException {
        String assertion = authenticator.get(created.json().at("/challenges/webAuthN/publicKeyCredentialRequestOptions")
                .toString(), SoftwareAuthenticator.Options.from(server.origin()));
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.putObject("checks").putObject("webAuthN").set("credentialAssertionData", ApiClient.JSON.readTree(assertion));
        return api.patch(path(created), created.json().get("sessionToken").asText(), body);
    }

    private static String path(Response created) {
        return "/v2/sessions/" + created.json().get("sessionId").asText();
    }

    @Test
    void whenASessionTokenIsSevenDaysOldThenItIsNoLongerABearer() {
        User user = api.signUp("week@acme.test");

        clock.advance(DemoAccounts.SESSION_LIFETIME.minus(Duration.ofMillis(1)));
        int lastMillisecond = api.post(user.passkeys() + "/_search", user.token(), Map.of()).status();
        clock.advance(Duration.ofMillis(1));
        int expired = api.post(user.passkeys() + "/_search", user.token(), Map.of()).status();

        assertThat(lastMillisecond).isEqualTo(200);
        assertThat(expired).isEqualTo(401);
    }

    @Test
    void whenASignedInSessionIsSevenDaysOldThenItsTokenIsNoLongerABearerNorReadsTheSession() throws IOException {
        User user = api.signUp("signed-in-week@acme.test");
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        DemoApiTest.registerWith(api, server.origin(), user, authenticator, "Laptop");
        Response created = beginSignIn("signed-in-week@acme.test");
        String bearer = check(created, authenticator).json().get("sessionToken").asText();

        clock.advance(SignInSessions.SIGNED_IN_LIFETIME.minus(Duration.ofMillis(1)));
        int lastMillisecond = api.post(user.passkeys() + "/_search", bearer, Map.of()).status();
        JsonNode session = api.send("GET", path(created), bearer, null).json().get("session");
        clock.advance(Duration.ofMillis(1));
        int expired = api.post(user.passkeys() + "/_search", bearer, Map.of()).status();
        int read = api.send("GET", path(created), bearer, null).status();

        assertThat(lastMillisecond).isEqualTo(200);
        assertThat(session.get("expirationDate").asText()).isEqualTo("2026-12-05T10:00:00.000Z");
        assertThat(expired).isEqualTo(401);
        assertThat(read).isEqualTo(401);
    }

    @Test
    void whenTheSignInCeremonyExpiredThenThePatchSaysSoAndTheSessionLivesTenMinutes() throws IOException {
        User user = api.signUp("slow@acme.test");
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        DemoApiTest.registerWith(api, server.origin(), user, authenticator, "Laptop");
        Response created = beginSignIn("slow@acme.test");
        String token = created.json().get("sessionToken").asText();

        clock.advance(Duration.ofSeconds(91)); // the browser's 60 s and 30 s of grace
        Response late = check(created, authenticator);
        clock.advance(SignInSessions.PENDING_LIFETIME.minus(Duration.ofSeconds(91)).minus(Duration.ofMillis(1)));
        int lastMillisecond = api.send("GET", path(created), token, null).status();
        clock.advance(Duration.ofMillis(1));
        int expired = api.send("GET", path(created), token, null).status();

        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().get("code").asInt()).isEqualTo(9);
        assertThat(late.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-CEREMONY-EXPIRED");
        assertThat(lastMillisecond).isEqualTo(200);
        assertThat(expired).isEqualTo(401);
        assertThat(api.post(user.passkeys() + "/_search", token, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void whenARegistrationCodeIsAnHourOldThenItIsRefused() {
        User user = api.signUp("hour@acme.test");
        JsonNode code = api.post(user.passkeys() + "/registration_link", user.token(), Map.of("returnCode", Map.of()))
                .json().get("code");

        clock.advance(Duration.ofHours(1));
        Response r = api.post(user.passkeys(), null, Map.of("code", code));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).isEqualTo(ErrorBodies.of(3, "PASSKEY-CODE-INVALID", "the registration code expired"));
    }
}
