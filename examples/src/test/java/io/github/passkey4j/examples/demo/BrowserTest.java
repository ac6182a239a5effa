package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/** The demo page in a real browser: Chromium with Selenium's virtual authenticators. */
class BrowserTest {

    private static DemoServer server;
    private static Chromium chromium;
    private DemoPage page;

    @BeforeAll
    static void start() throws IOException {
        server = DemoServer.start(DemoOptions.defaults().withPort(0)
                .withJdbcUrl("jdbc:h2:mem:browser-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
                Clock.systemUTC(), UnaryOperator.identity());
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @BeforeEach
    void openPage() {
        page = new DemoPage(chromium.driver, server.uri()).openFresh();
    }

    @AfterEach
    void removeAuthenticators() {
        chromium.removeAuthenticators();
    }

    @Test
    void whenUserAddsPasskeysFromTwoAuthenticatorsThenBothAreListedAndTheThirdFromARegisteredOneIsRefused() {
        page.signUp("alice-" + UUID.randomUUID() + "@acme.test", "Alice");
        assertThat(page.signedInAs()).startsWith("Alice (alice-");

        VirtualAuthenticator laptop = chromium.addAuthenticator();
        page.addPasskey("Laptop");
        assertThat(page.error()).isEmpty();
        assertThat(page.status()).isEqualTo("Passkey \"Laptop\" added.");

        chromium.removeAuthenticator(laptop);
        chromium.addAuthenticator();
        page.addPasskey("Phone");
        assertThat(page.status()).isEqualTo("Passkey \"Phone\" added.");
        assertThat(page.names()).containsExactly("Laptop", "Phone");

        page.addPasskey("Phone again");
        assertThat(page.error()).startsWith("This authenticator already holds a passkey for your account");
        assertThat(page.names()).containsExactly("Laptop", "Phone");
    }

    @Test
    void whenAuthenticatorCannotVerifyTheUserThenNoPasskeyIsAdded() {
        page.signUp("bob-" + UUID.randomUUID() + "@acme.test", "");
        chromium.addAuthenticator(false);
        long start = System.nanoTime();
        page.addPasskey("No UV");
        System.out.println("UV refusal took " + (System.nanoTime() - start) / 1_000_000 + " ms; error: " + page.error());
        assertThat(page.names()).isEmpty();
    }
}
