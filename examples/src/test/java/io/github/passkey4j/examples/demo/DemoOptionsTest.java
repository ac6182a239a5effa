package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void whenNoOptionsAreGivenThenTheDemoRunsOnLocalhost8080WithTheH2FileUnderTheWorkingFolder() {
        DemoOptions o = DemoOptions.parse();

        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.rpId()).isEqualTo("localhost");
        assertThat(o.origin()).isEmpty();
        assertThat(o.bind()).isEqualTo("127.0.0.1");
        assertThat(o.jdbcUrl()).startsWith("jdbc:h2:file:./data/passkey4j-demo");
    }

    @Test
    void whenOptionsAreGivenWithSpacesOrEqualsSignsThenTheyAreRead() {
        DemoOptions o = DemoOptions.parse("--port", "9090", "--origin=https://login.example.com/", "--rp-id", "example.com",
                "--jdbc-url", "jdbc:postgresql://db:5432/passkeys", "--jdbc-user=demo", "--jdbc-password", "s3cret");

        assertThat(o.port()).isEqualTo(9090);
        assertThat(o.origin()).hasValue("https://login.example.com");
        assertThat(o.rpId()).isEqualTo("example.com");
        assertThat(o.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/passkeys");
        assertThat(o.jdbcUser()).hasValue("demo");
        assertThat(o.jdbcPassword()).isEqualTo(Optional.of("s3cret"));
        assertThat(o.toString()).doesNotContain("s3cret");
    }

    @Test
    void whenAnOptionIsUnknownMissingItsValueOrWrongThenTheMessageNamesIt() {
        assertThatThrownBy(() -> DemoOptions.parse("--prot", "1")).hasMessage("unknown option: --prot");
        assertThatThrownBy(() -> DemoOptions.parse("--port")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> DemoOptions.parse("--port", "eighty")).hasMessage("--port must be a number: eighty");
        assertThatThrownBy(() -> DemoOptions.parse("--port", "70000")).hasMessageStartingWith("--port must be between");
        assertThatThrownBy(() -> DemoOptions.parse("--jdbc-url", "postgres://x")).hasMessageStartingWith("--jdbc-url must be");
    }

    @Test
    void whenNoServerOptionsAreGivenThenTheLimitsAreTheDocumentedDefaults() {
        DemoOptions o = DemoOptions.parse();

        assertThat(o.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.maxConnections()).isEqualTo(1000);
        assertThat(o.rateLimit()).isTrue();
        assertThat(o.trustForwardedFor()).as("never trusted unasked").isFalse();
        assertThat(o.sessionLifetime()).isEqualTo(Duration.ofDays(7));
        assertThat(o.stopTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void whenTheServerOptionsAreGivenThenTheyAreReadAndListedInTheHelp() {
        DemoOptions o = DemoOptions.parse("--request-timeout", "500ms", "--idle-timeout=2m", "--max-connections", "64",
                "--rate-limit=off", "--trust-forwarded-for", "--session-lifetime", "12h", "--stop-timeout", "3s");

        assertThat(o.requestTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.maxConnections()).isEqualTo(64);
        assertThat(o.rateLimit()).isFalse();
        assertThat(o.trustForwardedFor()).isTrue();
        assertThat(o.sessionLifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(o.stopTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(DemoOptions.USAGE).contains("--request-timeout", "--idle-timeout", "--max-connections", "--rate-limit",
                "--trust-forwarded-for", "--session-lifetime", "--stop-timeout");
    }

    @Test
    void whenAServerOptionIsWrongThenTheMessageNamesIt() {
        assertThatThrownBy(() -> DemoOptions.parse("--request-timeout", "10")).hasMessageStartingWith("--request-timeout must be a number with a unit");
        assertThatThrownBy(() -> DemoOptions.parse("--request-timeout", "0s")).hasMessageStartingWith("--request-timeout must be positive");
        assertThatThrownBy(() -> DemoOptions.parse("--rate-limit", "maybe")).hasMessage("--rate-limit must be on or off: maybe");
        assertThatThrownBy(() -> DemoOptions.parse("--max-connections", "0")).hasMessageStartingWith("--max-connections must be at least 1");
    }
}
