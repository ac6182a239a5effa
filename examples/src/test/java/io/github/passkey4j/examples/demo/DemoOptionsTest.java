package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
