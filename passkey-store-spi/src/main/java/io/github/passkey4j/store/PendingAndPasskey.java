package io.github.passkey4j.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What finishing a sign-in reads before it verifies anything: the pending ceremony and the passkey the
 * browser's answer names, as {@link PasskeyStore#findPendingAndPasskey} returns them.
 *
 * @param pending the pending ceremony with the id asked for, of any kind, expired or not
 * @param passkey the passkey with the credential id asked for, in any state, whoever owns it
 */
public record PendingAndPasskey(Optional<PendingCeremony> pending, Optional<StoredPasskey> passkey) {

    /**
     * Validates the components.
     *
     * @param pending the pending ceremony with the id asked for, of any kind, expired or not
     * @param passkey the passkey with the credential id asked for, in any state, whoever owns it
     */
    public PendingAndPasskey {
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(passkey, "passkey");
    }
}
