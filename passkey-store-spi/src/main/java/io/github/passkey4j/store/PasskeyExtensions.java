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
 * @param prfSalt the PRF salt the library made for a passkey whose authenticator reported PRF support,
 *     handed back in sign-in options ({@code prf.evalByCredential}) so that the page derives the same
 *     key each time (schema version 4); not a secret, the PRF output is, and that never reaches the server
 */
public record PasskeyExtensions(Optional<Boolean> residentKey, Optional<Boolean> prfEnabled,
        Optional<String> authenticatorDisplayName, Optional<Bytes> prfSalt) {

    /** Nothing reported (and every passkey stored before schema version 3). */
    public static final PasskeyExtensions NONE = new PasskeyExtensions(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    /** The longest PRF salt a store must keep, in bytes. */
    public static final int MAX_PRF_SALT_BYTES = 64;

    /**
     * Checks that no component is null.
     *
     * @param residentKey {@code credProps.rk}, when reported
     * @param prfEnabled {@code prf.enabled}, when reported
     * @param authenticatorDisplayName {@code credProps.authenticatorDisplayName}, when reported
     * @param prfSalt the PRF salt the library made, 1 to {@value #MAX_PRF_SALT_BYTES} bytes, if any
     */
    public PasskeyExtensions {
        Objects.requireNonNull(residentKey, "residentKey");
        Objects.requireNonNull(prfEnabled, "prfEnabled");
        Objects.requireNonNull(authenticatorDisplayName, "authenticatorDisplayName");
        Objects.requireNonNull(prfSalt, "prfSalt");
        if (prfSalt.isPresent() && (prfSalt.get().length() == 0 || prfSalt.get().length() > MAX_PRF_SALT_BYTES)) {
            throw new IllegalArgumentException("prfSalt must have 1 to " + MAX_PRF_SALT_BYTES + " bytes");
        }
    }

    /**
     * What the browser reported, without a PRF salt.
     *
     * @param residentKey {@code credProps.rk}, when reported
     * @param prfEnabled {@code prf.enabled}, when reported
     * @param authenticatorDisplayName {@code credProps.authenticatorDisplayName}, when reported
     */
    public PasskeyExtensions(Optional<Boolean> residentKey, Optional<Boolean> prfEnabled,
            Optional<String> authenticatorDisplayName) {
        this(residentKey, prfEnabled, authenticatorDisplayName, Optional.empty());
    }

    /**
     * @param salt the PRF salt
     * @return these results with it
     */
    public PasskeyExtensions withPrfSalt(Bytes salt) {
        return new PasskeyExtensions(residentKey, prfEnabled, authenticatorDisplayName, Optional.of(salt));
    }
}
