package io.github.passkey4j;

import java.time.Instant;

/**
 * Hands a registration link to the host's mailer (or SMS, or chat). The library calls it from
 * {@link Passkeys#sendRegistrationLink}; it never logs the link itself, because the link carries the
 * code.
 */
@FunctionalInterface
public interface RegistrationLinkNotifier {

    /**
     * @param user the user the link adds a passkey for
     * @param link the link, with the code in it: treat it as a secret
     * @param expiresAt when the code stops working
     */
    void send(PasskeyUser user, String link, Instant expiresAt);
}
