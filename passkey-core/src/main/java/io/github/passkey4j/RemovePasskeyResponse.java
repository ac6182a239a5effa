package io.github.passkey4j;

import java.util.Objects;

/**
 * A passkey removed: ZITADEL's details, and the signal that lets the browser forget it.
 *
 * @param details the user's sequence and the time of the removal
 * @param signals {@code allAcceptedCredentials} with the user's ready passkeys left on that RP id
 */
public record RemovePasskeyResponse(Details details, Signals signals) {

    /**
     * Checks the components.
     *
     * @param details the user's sequence and the time of the removal
     * @param signals the signals for the browser
     */
    public RemovePasskeyResponse {
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(signals, "signals");
    }
}
