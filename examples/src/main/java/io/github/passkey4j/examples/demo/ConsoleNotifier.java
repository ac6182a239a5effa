package io.github.passkey4j.examples.demo;

import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.RegistrationLinkNotifier;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Objects;

/**
 * The demo has no mailer: it prints a registration link on its console (standard output), where the
 * person running the demo copies it from. Never into the log (standard error), which may be kept or
 * shipped elsewhere: the link carries a one-time code. A real host mails it to the user.
 */
final class ConsoleNotifier implements RegistrationLinkNotifier {

    private final PrintStream console;

    /** @param console where links are printed */
    ConsoleNotifier(PrintStream console) {
        this.console = Objects.requireNonNull(console, "console");
    }

    @Override
    public void send(PasskeyUser user, String link, Instant expiresAt) {
        console.println("registration link for " + user.loginName() + " (user " + user.id() + "), valid until "
                + expiresAt + ": " + link);
        console.flush();
    }
}
