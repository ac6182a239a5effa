package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.examples.demo.ApiClient.User;
import io.github.passkey4j.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The demo's sign-up sessions: bearer tokens that last seven days. */
class DemoSessionTest {

    @Test
    void whenASessionTokenIsSevenDaysOldThenItIsNoLongerABearer() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00.000Z"));
        try (DemoServer server = DemoServer.start(DemoOptions.defaults().withPort(0)
                .withJdbcUrl("jdbc:h2:mem:sessions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), clock)) {
            ApiClient api = new ApiClient(server.uri());
            User user = api.signUp("week@acme.test");

            clock.advance(DemoAccounts.SESSION_LIFETIME.minus(Duration.ofMillis(1)));
            int lastMillisecond = api.post(user.passkeys() + "/_search", user.token(), Map.of()).status();
            clock.advance(Duration.ofMillis(1));
            int expired = api.post(user.passkeys() + "/_search", user.token(), Map.of()).status();

            assertThat(lastMillisecond).isEqualTo(200);
            assertThat(expired).isEqualTo(401);
        }
    }
}
