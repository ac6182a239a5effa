package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import io.github.passkey4j.testing.MutableClock;
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

/** Sign-out of any bearer, sessions ended with their passkey, a configured session lifetime, and the health routes. */
class DemoSignOutTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00.000Z"));
    private DemoHost server;
    private ApiClient api;

    @BeforeEach
    void start() throws IOException {
        server = DemoHost.start(DemoOptions.parse("--port", "0", "--session-lifetime", "2h",
                "--jdbc-url", "jdbc:h2:mem:signout-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), clock,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        api = new ApiClient(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertUnauthenticated(Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(401);
        assertThat(r.json().get("code").asInt()).isEqualTo(16);
        assertThat(r.json().at("/details/0/id").asText()).isEqualTo("PASSKEY-UNAUTHENTICATED");
    }

    @Test
    void whenASignUpsTokenSignsOutThenItIsNoBearerAnyMoreAndASecondSignOutIs401() {
        User user = api.signUp("out-" + UUID.randomUUID() + "@acme.test");

        Response out = api.post("/demo/sign-out", user.token(), Map.of());

        assertThat(out.status()).as(out.text()).isEqualTo(200);
        assertThat(out.json()).isEqualTo(ApiClient.object());
        assertUnauthenticated(api.post(user.passkeys() + "/_search", user.token(), Map.of()));
        assertUnauthenticated(api.post("/demo/sign-out", user.token(), Map.of()));
        assertUnauthenticated(api.post("/demo/sign-out", null, Map.of()));
    }

    @Test
    void whenASignedInSessionsTokenSignsOutThenItEndsAndOtherSessionsOfTheUserStay() throws IOException {
        String loginName = "two-" + UUID.randomUUID() + "@acme.test";
        User user = api.signUp(loginName);
        Ceremonies.Registered passkey = Ceremonies.register(api, server.origin(), user, "Laptop");
        String first = Ceremonies.signIn(api, server.origin(), passkey.authenticator(), loginName).json()
                .get("sessionToken").asText();
        String second = Ceremonies.signIn(api, server.origin(), passkey.authenticator(), loginName).json()
                .get("sessionToken").asText();
        Response pending = api.post("/v2/sessions", null, Ceremonies.beginBody(loginName));

        assertThat(api.post("/demo/sign-out", first, Map.of()).status()).isEqualTo(200);
        assertThat(api.post("/demo/sign-out", pending.json().get("sessionToken").asText(), Map.of()).status())
                .as("a sign-in still waiting for its check").isEqualTo(200);

        assertUnauthenticated(api.post(user.passkeys() + "/_search", first, Map.of()));
        assertUnauthenticated(api.send("GET", "/v2/sessions/" + pending.json().get("sessionId").asText(),
                pending.json().get("sessionToken").asText(), null));
        assertThat(api.post(user.passkeys() + "/_search", second, Map.of()).status()).isEqualTo(200);
        assertThat(api.post(user.passkeys() + "/_search", user.token(), Map.of()).status()).isEqualTo(200);
    }

    @Test
    void whenThePasskeyASessionSignedInWithIsRemovedThenThatSessionEndsAndOthersStay() throws IOException {
        String loginName = "removed-" + UUID.randomUUID() + "@acme.test";
        User user = api.signUp(loginName);
        Ceremonies.Registered laptop = Ceremonies.register(api, server.origin(), user, "Laptop");
        Ceremonies.Registered phone = Ceremonies.register(api, server.origin(), user, "Phone");
        String viaLaptop = Ceremonies.signIn(api, server.origin(), laptop.authenticator(), loginName).json()
                .get("sessionToken").asText();
        String viaPhone = Ceremonies.signIn(api, server.origin(), phone.authenticator(), loginName).json()
                .get("sessionToken").asText();

        assertThat(api.delete(user.passkeys() + "/" + laptop.passkeyId(), viaPhone).status()).isEqualTo(200);
        assertUnauthenticated(api.post(user.passkeys() + "/_search", viaLaptop, Map.of()));
        assertThat(api.post(user.passkeys() + "/_search", viaPhone, Map.of()).status()).isEqualTo(200);

        // v1 removal too, with the session's own token: the answer comes, then the token is gone
        assertThat(api.delete("/auth/v1/users/me/passwordless/" + phone.passkeyId(), viaPhone).status()).isEqualTo(200);
        assertUnauthenticated(api.post(user.passkeys() + "/_search", viaPhone, Map.of()));
        assertThat(api.post(user.passkeys() + "/_search", user.token(), Map.of()).status()).as("the sign-up's token")
                .isEqualTo(200);
    }

    @Test
    void whenTheConfiguredSessionLifetimeHasPassedThenTheTokensAre401() throws IOException {
        String loginName = "expiring-" + UUID.randomUUID() + "@acme.test";
        User user = api.signUp(loginName);
        Ceremonies.Registered passkey = Ceremonies.register(api, server.origin(), user, "Laptop");
        String signedIn = Ceremonies.signIn(api, server.origin(), passkey.authenticator(), loginName).json()
                .get("sessionToken").asText();

        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(api.post(user.passkeys() + "/_search", user.token(), Map.of()).status()).isEqualTo(200);
        assertThat(api.post(user.passkeys() + "/_search", signedIn, Map.of()).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(2));

        assertUnauthenticated(api.post(user.passkeys() + "/_search", user.token(), Map.of()));
        assertUnauthenticated(api.post(user.passkeys() + "/_search", signedIn, Map.of()));
        assertUnauthenticated(api.post("/demo/sign-out", signedIn, Map.of()));
    }

    @Test
    void whenTheHealthRoutesAreAskedThenTheyAnswerUpWithoutABearer() {
        Response health = api.send("GET", "/healthz", null, null);
        Response ready = api.send("GET", "/readyz", null, null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).isEqualTo(ApiClient.JSON.createObjectNode().put("status", "UP"));
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json()).isEqualTo(ApiClient.JSON.createObjectNode().put("status", "UP"));
        assertThat(api.send("POST", "/readyz", null, "{}").status()).isEqualTo(405);
    }
}
