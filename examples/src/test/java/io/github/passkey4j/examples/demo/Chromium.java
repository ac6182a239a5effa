package io.github.passkey4j.examples.demo;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver through Selenium, with a fresh profile.
 * Selenium is given both paths, so Selenium Manager never runs and nothing is downloaded. When either
 * is missing the tests fail, saying how to install them.
 */
final class Chromium implements AutoCloseable {

    static final File DRIVER = new File("/usr/bin/chromedriver");
    static final File BINARY = new File("/usr/bin/chromium");

    /** Selenium's own loggers are chatty at INFO; kept here so the setting is not garbage-collected. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    final ChromeDriver driver;
    private final Path profile;
    private final OutputStream driverLog;
    private final List<VirtualAuthenticator> authenticators = new ArrayList<>();

    private Chromium(ChromeDriver driver, Path profile, OutputStream driverLog) {
        this.driver = driver;
        this.profile = profile;
        this.driverLog = driverLog;
    }

    /** @return a running browser */
    static Chromium start() throws IOException {
        if (!DRIVER.canExecute() || !BINARY.canExecute()) {
            throw new IllegalStateException("The browser tests need Debian's Chromium and its driver at " + BINARY
                    + " and " + DRIVER + ": run `apt-get install -y chromium chromium-driver` (as .ci/run does).");
        }
        SELENIUM_LOG.setLevel(Level.WARNING);
        System.setProperty("webdriver.chrome.driver", DRIVER.getPath());
        Path profile = Files.createTempDirectory("passkey4j-chromium-");
        Path logs = Path.of("target", "chromium");
        Files.createDirectories(logs);
        OutputStream driverLog = new FileOutputStream(logs.resolve("chromedriver-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime() + ".log").toFile());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER)
                .usingAnyFreePort()
                .withLogOutput(driverLog)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath());
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(90));
            return new Chromium(driver, profile, driverLog);
        } catch (RuntimeException e) {
            driverLog.close();
            delete(profile);
            throw e;
        }
    }

    /**
     * A platform passkey authenticator (CTAP2, internal transport, resident keys) that verifies the user.
     *
     * @return the authenticator, added to the browser
     */
    VirtualAuthenticator addAuthenticator() {
        return addAuthenticator(true);
    }

    /**
     * @param userVerification whether it can verify the user (PIN or biometrics)
     * @return the authenticator, added to the browser
     */
    VirtualAuthenticator addAuthenticator(boolean userVerification) {
        return add(new VirtualAuthenticatorOptions(), userVerification);
    }

    /**
     * A platform authenticator like a password manager's: its passkeys are backup eligible and backed
     * up (WebDriver's {@code defaultBackupEligibility} and {@code defaultBackupState}, which Selenium's
     * options do not name).
     *
     * @return the authenticator, added to the browser
     */
    VirtualAuthenticator addSyncingAuthenticator() {
        return add(new VirtualAuthenticatorOptions() {
            @Override
            public Map<String, Object> toMap() {
                Map<String, Object> map = new HashMap<>(super.toMap());
                map.put("defaultBackupEligibility", true);
                map.put("defaultBackupState", true);
                return map;
            }
        }, true);
    }

    private VirtualAuthenticator add(VirtualAuthenticatorOptions options, boolean userVerification) {
        VirtualAuthenticator a = driver.addVirtualAuthenticator(options
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(userVerification)
                .setIsUserVerified(userVerification)
                .setIsUserConsenting(true));
        authenticators.add(a);
        return a;
    }

    /** @param a an authenticator to take out of the browser */
    void removeAuthenticator(VirtualAuthenticator a) {
        driver.removeVirtualAuthenticator(a);
        authenticators.remove(a);
    }

    /** Takes every authenticator out of the browser. */
    void removeAuthenticators() {
        for (VirtualAuthenticator a : List.copyOf(authenticators)) {
            removeAuthenticator(a);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            driverLog.close();
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
