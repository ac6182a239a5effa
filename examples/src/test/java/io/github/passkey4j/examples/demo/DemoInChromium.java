package io.github.passkey4j.examples.demo;

import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A browser test class's fixture: one demo on a fresh in-memory H2 database and one Chromium for the
 * class, a freshly opened page for each test, and the test's virtual authenticators taken out after it.
 * Register it as a static field with {@code @RegisterExtension}.
 */
final class DemoInChromium implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final String name;
    private DemoServer server;
    private Chromium chromium;
    private DemoPage page;

    /** @param name the database's name, unique per test class */
    DemoInChromium(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = DemoServer.start(DemoOptions.defaults().withPort(0)
                .withJdbcUrl("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        chromium = Chromium.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
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

    @Override
    public void beforeEach(ExtensionContext context) {
        page = new DemoPage(chromium.driver, server.uri()).openFresh();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        chromium.removeAuthenticators();
    }

    DemoServer server() {
        return server;
    }

    Chromium chromium() {
        return chromium;
    }

    DemoPage page() {
        return page;
    }
}
