package io.github.passkey4j.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What the browser reported at registration through client extensions (WebAuthn Level 3), as the
 * library validated it: recorded for display, never trusted for security decisions.
 *
 * @param residentKey {@code credProps.rk}: whether the credential is discoverable, when reported
 * @param prfEnabled {@code prf.enabled}: whether the credential supports the PRF extension, when reported
 * @param authenticatorDisplayName {@code credProps.authenticatorDisplayName}: the authenticator's own
 *     name for the credential (the password manager's, e.g.), normalised, at most 200 code points, when
 *     reported
 */
public record PasskeyExtensions(Optional<Boolean> residentKey, Optional<Boolean> prfEnabled,
        Optional<String> authenticatorDisplayName) {

    /** Nothing reported (and every passkey stored before schema version 3). */
    public static final PasskeyExtensions NONE = new PasskeyExtensions(Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Checks that no component is null.
     *
     * @param residentKey {@code credProps.rk}, when reported
     * @param prfEnabled {@code prf.enabled}, when reported
     * @param authenticatorDisplayName {@code credProps.authenticatorDisplayName}, when reported
     */
    public PasskeyExtensions {
        Objects.requireNonNull(residentKey, "residentKey");
        Objects.requireNonNull(prfEnabled, "prfEnabled");
        Objects.requireNonNull(authenticatorDisplayName, "authenticatorDisplayName");
    }
}
