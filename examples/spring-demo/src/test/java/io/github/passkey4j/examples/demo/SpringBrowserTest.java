package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.examples.spring.SpringDemo;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo page on the Spring Boot sample, in Chromium with its virtual authenticator (the JDK demo's
 * browser helpers, driving the same page): sign up, add a passkey through the starter's routes, sign in
 * with it from the login name field's autofill (conditional UI) and with the buttons, rename it, remove it.
 */
class SpringBrowserTest {

    private static ConfigurableApplicationContext app;
    private static Chromium chromium;
    private static URI uri;

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        uri = URI.create("http://localhost:" + port);
        app = SpringApplication.run(SpringDemo.class, "--server.port=" + port, "--passkey4j.rp.id=localhost",
                "--passkey4j.rp.origins=" + uri, "--spring.datasource.url=jdbc:h2:mem:spring-browser-" + UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1");
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    void aPersonRegistersSignsInRenamesAndRemovesAPasskeyOnTheSpringSample() {
        DemoPage page = new DemoPage(chromium.driver, uri).openFresh();
        chromium.addAuthenticator();
        String login = "spring-" + UUID.randomUUID() + "@acme.test";
        page.signUp(login, "Spring");
        assertThat(page.error()).isEmpty();
        page.addPasskey("Laptop");
        assertThat(page.names()).containsExactly("Laptop");

        // signed out, the page's autofill request is answered by the virtual authenticator at once
        chromium.driver.findElement(By.id("signout")).click();
        new WebDriverWait(chromium.driver, Duration.ofSeconds(30)).until(d -> page.status().startsWith("Signed in as"));
        assertThat(page.signedInAs()).contains(login);
        assertThat(page.log()).anyMatch(l -> l.contains("navigator.credentials.get({mediation: \"conditional\"})"));

        // username-first and usernameless, with the buttons
        page.withoutAutofill().signOut();
        page.signIn(login);
        assertThat(page.error()).isEmpty();
        assertThat(page.signedInAs()).contains(login);
        page.withoutAutofill().signOut();
        page.signInWithPasskey();
        assertThat(page.signedInAs()).contains(login);

        page.rename("Laptop", "Work laptop");
        assertThat(page.names()).containsExactly("Work laptop");
        // removing the passkey this session signed in with ends the session, as on the JDK demo
        page.remove("Work laptop");
        new WebDriverWait(chromium.driver, Duration.ofSeconds(30)).until(d -> page.showsSignIn());
        assertThat(page.error()).contains("no longer valid");
        page.withoutAutofill().signIn(login);
        assertThat(page.showsSignIn()).as("the passkey is gone: no sign-in").isTrue();
        assertThat(page.error()).isNotEmpty();
    }
}
