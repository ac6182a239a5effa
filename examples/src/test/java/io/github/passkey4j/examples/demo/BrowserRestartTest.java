package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's promise to a newcomer: passkeys added on the page are still there after a restart. */
class BrowserRestartTest {

    @Test
    void whenTheDemoRestartsOnItsH2FileThenThePageStillShowsTheUserAndItsPasskeys(@TempDir Path folder)
            throws IOException {
        String url = "jdbc:h2:file:" + folder.resolve("passkey4j-demo").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        DemoOptions options = DemoOptions.defaults().withPort(0).withJdbcUrl(url);
        try (Chromium chromium = Chromium.start()) {
            int port;
            try (DemoServer first = DemoServer.start(options)) {
                port = first.port();
                DemoPage page = new DemoPage(chromium.driver, first.uri()).openFresh();
                page.signUp("restart@acme.test", "Restart");
                chromium.addAuthenticator();
                page.addPasskey("Laptop");
                assertThat(page.names()).containsExactly("Laptop");
            }
            assertThat(Files.exists(folder.resolve("passkey4j-demo.mv.db"))).isTrue();

            // the same port, so the page's origin and its remembered session are the same
            try (DemoServer second = DemoServer.start(options.withPort(port))) {
                DemoPage page = new DemoPage(chromium.driver, second.uri()).reload();

                assertThat(page.signedInAs()).isEqualTo("Restart (restart@acme.test)");
                assertThat(page.names()).containsExactly("Laptop");
                assertThat(page.error()).isEmpty();
            }
        }
    }
}
