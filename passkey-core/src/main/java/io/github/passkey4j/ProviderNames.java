package io.github.passkey4j;

import java.util.Optional;
import java.util.UUID;

/**
 * Names authenticator models by AAGUID ("iCloud Keychain", "YubiKey 5 Series"), for lists.
 */
@FunctionalInterface
public interface ProviderNames {

    /**
     * @param aaguid an authenticator model
     * @return its name, where known
     */
    Optional<String> nameOf(UUID aaguid);

    /** @return names nothing */
    static ProviderNames none() {
        return aaguid -> Optional.empty();
    }
}
